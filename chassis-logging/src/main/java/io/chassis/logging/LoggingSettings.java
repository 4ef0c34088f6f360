package io.chassis.logging;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.logging.internal.LevelNames;
import io.chassis.logging.internal.LevelsSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated {@code chassis.logging} section. Defaults live in this module's
 * {@code reference.conf}.
 *
 * @param format {@code json} or {@code text}
 * @param rootLevel level of the root logger unless {@code levels} names {@code ROOT}
 * @param levels level per logger name ({@code ROOT} is the root logger)
 * @param async the non-blocking queue in front of stdout
 * @param includeCallerData whether to capture class/method/line of the logging call (costly)
 * @param shutdownHook whether a JVM shutdown hook flushes the queue and stops logging
 */
public record LoggingSettings(
        LogFormat format,
        String rootLevel,
        Map<String, String> levels,
        Async async,
        boolean includeCallerData,
        boolean shutdownHook) {

    /** The config path of this section. */
    public static final String PATH = "chassis.logging";

    /**
     * The async queue settings.
     *
     * @param queueSize events accepted but not yet written; more are dropped and counted
     * @param maxFlushTime how long stopping may take to write what is still queued
     */
    public record Async(int queueSize, Duration maxFlushTime) {}

    /** The section without {@code levels}, whose keys are logger names and need flattening. */
    record Bound(LogFormat format, String rootLevel, Async async, boolean includeCallerData, boolean shutdownHook) {}

    /** Copies {@code levels} so the record is immutable. */
    public LoggingSettings {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    /**
     * Binds and validates {@code chassis.logging} from a resolved config.
     *
     * @throws ConfigProblemsException listing every invalid value
     */
    public static LoggingSettings from(Config config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> levels = LevelsSection.read(config, PATH + ".levels", problems);
        Bound bound = null;
        try {
            bound = ConfigBinder.bind(config.withoutPath(PATH + ".levels"), PATH, Bound.class);
        } catch (ConfigProblemsException e) {
            problems.addAll(e.problems());
        }
        if (bound != null) {
            check(config, bound, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        return new LoggingSettings(
                bound.format(),
                bound.rootLevel(),
                levels,
                bound.async(),
                bound.includeCallerData(),
                bound.shutdownHook());
    }

    /**
     * The level for every configured logger, {@code ROOT} first.
     *
     * @return logger name to upper-case level name
     */
    public Map<String, String> effectiveLevels() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("ROOT", upper(rootLevel));
        levels.forEach((logger, level) -> all.put(logger.equalsIgnoreCase("ROOT") ? "ROOT" : logger, upper(level)));
        return Collections.unmodifiableMap(all);
    }

    private static void check(Config config, Bound bound, List<ConfigProblem> problems) {
        if (LevelNames.parseOrNull(bound.rootLevel()) == null) {
            problems.add(problem(
                    config,
                    PATH + ".root-level",
                    "must be one of " + LevelNames.ACCEPTED + ", but was '" + bound.rootLevel()
                            + "'. Use one of those level names."));
        }
        if (bound.async().queueSize() < 1) {
            problems.add(problem(
                    config,
                    PATH + ".async.queue-size",
                    "must be at least 1, but was '" + bound.async().queueSize() + "'. Use a queue size such as 8192."));
        }
        Duration flush = bound.async().maxFlushTime();
        if (flush.isNegative() || flush.toMillis() > Integer.MAX_VALUE) {
            problems.add(problem(
                    config,
                    PATH + ".async.max-flush-time",
                    "must be between 0 and 24 days, but was '" + flush + "'. Use a duration such as 2s."));
        }
    }

    private static ConfigProblem problem(Config config, String path, String message) {
        String origin = config.hasPath(path) ? config.getValue(path).origin().description() : "";
        return new ConfigProblem(origin, path, message);
    }

    private static String upper(String level) {
        return level.trim().toUpperCase(Locale.ROOT);
    }
}
