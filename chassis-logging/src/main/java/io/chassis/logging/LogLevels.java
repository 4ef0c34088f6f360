package io.chassis.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.chassis.logging.internal.LevelNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Reads and changes logger levels at run time, for an admin {@code /loggers} endpoint.
 *
 * <p>Level names are TRACE, DEBUG, INFO, WARN, ERROR, OFF in any case; anything else is rejected
 * with an {@link IllegalArgumentException} naming the accepted values. A temporary change reverts
 * to the level the logger had before it, on a daemon thread; a later permanent change cancels the
 * pending revert. Close the instance to stop that thread.
 */
public final class LogLevels implements AutoCloseable {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LogLevels.class);

    private final LoggerContext context;
    private final ScheduledExecutorService scheduler;
    private final Map<String, PendingRevert> pending = new HashMap<>();

    /** A scheduled revert; {@code token} tells a stale task from the current one. */
    private record PendingRevert(Level original, ScheduledFuture<?> future, Object token) {}

    LogLevels(LoggerContext context, ScheduledExecutorService scheduler) {
        this.context = context;
        this.scheduler = scheduler;
    }

    /**
     * Controls the levels of the running logback system.
     *
     * @throws IllegalStateException if SLF4J is not bound to logback
     */
    public static LogLevels create() {
        LoggerContext context = ChassisLogging.context();
        if (context == null) {
            throw new IllegalStateException("SLF4J is not bound to logback; log levels cannot be changed");
        }
        return new LogLevels(context, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chassis-log-level-revert");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Every logger with a level of its own, {@code ROOT} first, then by name. */
    public synchronized List<LoggerLevel> configured() {
        List<LoggerLevel> out = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                out.add(describe(logger));
            }
        }
        out.sort(Comparator.comparing((LoggerLevel l) -> !l.name().equals(Logger.ROOT_LOGGER_NAME))
                .thenComparing(LoggerLevel::name));
        return out;
    }

    /** The logger called {@code name} ({@code ROOT} for the root), if logback knows it. */
    public synchronized Optional<LoggerLevel> get(String name) {
        return Optional.ofNullable(context.exists(checkName(name))).map(this::describe);
    }

    /**
     * The state of {@code name} whether or not logback has created that logger yet: an unknown
     * logger reports the level it would inherit from its nearest existing ancestor, and is not
     * created by asking.
     *
     * @throws IllegalArgumentException for a blank name or one with whitespace or control characters
     */
    public synchronized LoggerLevel levelOf(String name) {
        String checked = checkName(name);
        for (String candidate = checked; ; candidate = parentOf(candidate)) {
            Logger existing = context.exists(candidate);
            if (existing != null) {
                if (candidate.equals(checked)) {
                    return describe(existing);
                }
                return new LoggerLevel(
                        checked, null, existing.getEffectiveLevel().toString(), false);
            }
        }
    }

    /**
     * Sets the level of {@code name} until changed again; {@code null} makes it inherit.
     *
     * @return the new state
     * @throws IllegalArgumentException for a blank name or an unknown level name
     */
    public synchronized LoggerLevel set(String name, String level) {
        Level parsed = level == null ? null : LevelNames.parse(level);
        Logger logger = context.getLogger(checkName(name));
        if (parsed == null && logger.getName().equals(Logger.ROOT_LOGGER_NAME)) {
            throw new IllegalArgumentException(
                    "level of ROOT must be set, but was 'null'. Give the root logger a level such as INFO.");
        }
        cancelPending(logger.getName());
        logger.setLevel(parsed);
        return describe(logger);
    }

    /**
     * Sets the level of {@code name} for {@code duration}, then restores the level it had before.
     *
     * @return the new (temporary) state
     * @throws IllegalArgumentException for a blank name, an unknown level or a non-positive duration
     */
    public synchronized LoggerLevel setFor(String name, String level, Duration duration) {
        Level parsed = LevelNames.parse(level);
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(
                    "duration must be positive, but was '" + duration + "'. Use a duration such as PT10M.");
        }
        Logger logger = context.getLogger(checkName(name));
        PendingRevert previous = pending.remove(logger.getName());
        Level original = previous == null ? logger.getLevel() : previous.original();
        if (previous != null) {
            previous.future().cancel(false);
        }
        logger.setLevel(parsed);
        Object token = new Object();
        ScheduledFuture<?> future =
                scheduler.schedule(() -> revert(logger.getName(), token), duration.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(logger.getName(), new PendingRevert(original, future, token));
        return describe(logger);
    }

    /**
     * Applies a change of the configured levels: a logger whose configured level changed gets the new
     * one (a pending temporary level of it is cancelled), a logger no longer configured inherits
     * again; loggers whose configured level stayed the same keep whatever level they have now.
     *
     * @param before logger name to level name, as configured so far ({@code ROOT} included)
     * @param after the same, as configured now
     * @return logger name to the level now in force, for the loggers that changed
     */
    synchronized Map<String, String> applyConfigured(Map<String, String> before, Map<String, String> after) {
        List<String> names = new ArrayList<>();
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                set(name, null);
                names.add(name);
            }
        }
        for (Map.Entry<String, String> entry : after.entrySet()) {
            if (!entry.getValue().equalsIgnoreCase(before.getOrDefault(entry.getKey(), ""))) {
                set(entry.getKey(), entry.getValue());
                names.add(entry.getKey());
            }
        }
        Map<String, String> changed = new java.util.TreeMap<>();
        for (String name : names) {
            LoggerLevel now = levelOf(name);
            changed.put(now.name(), now.effectiveLevel() + (now.configuredLevel() == null ? " (inherited)" : ""));
        }
        return changed;
    }

    /** Stops the revert thread; pending temporary levels stay as they are. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private synchronized void revert(String name, Object token) {
        PendingRevert revert = pending.get(name);
        if (revert != null && revert.token() == token) {
            pending.remove(name);
            context.getLogger(name).setLevel(revert.original());
            LOG.info(
                    "Temporary level of logger {} ended; back to {}",
                    name,
                    revert.original() == null ? "inherited" : revert.original());
        }
    }

    private void cancelPending(String name) {
        PendingRevert revert = pending.remove(name);
        if (revert != null) {
            revert.future().cancel(false);
        }
    }

    private LoggerLevel describe(Logger logger) {
        Level own = logger.getLevel();
        return new LoggerLevel(
                logger.getName(),
                own == null ? null : own.toString(),
                logger.getEffectiveLevel().toString(),
                pending.containsKey(logger.getName()));
    }

    /** {@code a.b.c} to {@code a.b}; the root logger is the parent of a name without dots. */
    private static String parentOf(String name) {
        int dot = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
        return dot > 0 ? name.substring(0, dot) : Logger.ROOT_LOGGER_NAME;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "logger name must not be blank, but was '" + name + "'. Use ROOT for the root logger.");
        }
        String trimmed = name.trim();
        if (trimmed.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(
                    "logger name must not contain whitespace or control characters, but was '"
                            + trimmed.replaceAll("\\p{Cntrl}", "?")
                            + "'. Use a class or package name such as io.chassis.http.");
        }
        return trimmed.equalsIgnoreCase(Logger.ROOT_LOGGER_NAME) ? Logger.ROOT_LOGGER_NAME : trimmed;
    }
}
