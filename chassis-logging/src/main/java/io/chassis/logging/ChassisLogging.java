package io.chassis.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import io.chassis.config.ChassisConfig;
import io.chassis.logging.internal.AccessLines;
import io.chassis.logging.internal.LogbackWiring;
import io.chassis.logging.internal.ResolvedSettings;
import io.chassis.logging.internal.StdoutAppender;
import io.chassis.logging.internal.UserLogbackConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Entry point for the running logging system. Logging configures itself on first use (through
 * logback's configurator SPI); this class reports on it, flushes and stops it, and can re-apply a
 * {@link ChassisConfig} loaded by the application.
 */
public final class ChassisLogging {

    private ChassisLogging() {}

    /**
     * Events dropped so far because the async queue was full, summed over every
     * {@link DropCountingAsyncAppender} on the root logger; 0 when logging is not wired by Chassis.
     */
    public static long droppedEvents() {
        return droppedEvents(context());
    }

    /** Same as {@link #droppedEvents()} for a given logback context. */
    static long droppedEvents(LoggerContext context) {
        long total = 0;
        for (DropCountingAsyncAppender appender : asyncAppenders(context)) {
            total += appender.droppedEvents();
        }
        for (AccessLines lines : accessLines(context)) {
            total += lines.dropped();
        }
        return total;
    }

    /**
     * Events of {@code level} logged so far through Chassis' appenders (written or dropped); 0 when
     * logging is not wired by Chassis.
     */
    public static long appendedEvents(ch.qos.logback.classic.Level level) {
        long total = 0;
        for (DropCountingAsyncAppender appender : asyncAppenders(context())) {
            total += appender.appendedEvents(level);
        }
        if (level == ch.qos.logback.classic.Level.INFO) {
            for (AccessLines lines : accessLines(context())) {
                total += lines.appended();
            }
        }
        return total;
    }

    /** @return whether Chassis wired the logging of this JVM (no user logback.xml) */
    public static boolean isWiredByChassis() {
        return !asyncAppenders(context()).isEmpty();
    }

    /**
     * Waits until every event and access line accepted so far has been written to stdout.
     *
     * @return {@code true} if everything was written within {@code timeout}
     */
    public static boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DropCountingAsyncAppender appender : asyncAppenders(context())) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!appender.awaitDrained(left)) {
                return false;
            }
        }
        return flushAccessLines(context(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Waits until the access lines {@code context}'s writers took have been written. */
    static boolean flushAccessLines(LoggerContext context, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (AccessLines lines : accessLines(context)) {
            if (!lines.awaitWritten(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes what is still queued (within {@code chassis.logging.async.max-flush-time}) and stops
     * logging. Call it last on shutdown; events logged afterwards are lost.
     */
    public static void stop() {
        LoggerContext context = context();
        if (context != null) {
            context.stop();
        }
    }

    /**
     * Re-wires logging from {@code config}, replacing the current appenders and levels. Use it when
     * the application loads its config with overrides the automatic setup could not see. Does
     * nothing if the user brought a {@code logback.xml}.
     *
     * @return {@code false} if the user's own logback configuration was left in place
     * @throws io.chassis.config.ConfigProblemsException if {@code chassis.logging} is invalid
     * @throws IllegalStateException if logback is not the SLF4J binding
     */
    public static boolean configure(ChassisConfig config) {
        return configure(config, null, null);
    }

    /**
     * Same as {@link #configure(ChassisConfig)}, with the name and version the service resolved
     * (from config, the builder or the jar manifest) in every JSON line; {@code null} keeps the
     * config's value.
     */
    static boolean configure(ChassisConfig config, String serviceName, String serviceVersion) {
        LoggerContext context = context();
        if (context == null) {
            throw new IllegalStateException("SLF4J is not bound to logback; chassis-logging cannot configure it");
        }
        if (UserLogbackConfig.find(ChassisLogging.class.getClassLoader()) != null) {
            return false;
        }
        ResolvedSettings resolved = ResolvedSettings.load(() -> config);
        if (resolved.failure() instanceof RuntimeException e) {
            throw e;
        }
        resolved = resolved.withNameAndVersion(serviceName, serviceVersion);
        context.reset();
        LogbackWiring.install(context, resolved.settings(), resolved.identity(), null);
        if (resolved.settings().shutdownHook()) {
            LogbackWiring.addShutdownHook(context);
        }
        return true;
    }

    static List<DropCountingAsyncAppender> asyncAppenders(LoggerContext context) {
        List<DropCountingAsyncAppender> found = new ArrayList<>();
        if (context == null) {
            return found;
        }
        Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it =
                context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (it.hasNext()) {
            if (it.next() instanceof DropCountingAsyncAppender async) {
                found.add(async);
            }
        }
        return found;
    }

    /** The access-line writers behind Chassis' async appenders (one, in JSON format). */
    static List<AccessLines> accessLines(LoggerContext context) {
        List<AccessLines> found = new ArrayList<>();
        for (DropCountingAsyncAppender appender : asyncAppenders(context)) {
            if (appender.getAppender(LogbackWiring.OUTPUT_APPENDER) instanceof StdoutAppender out
                    && out.accessLines() != null) {
                found.add(out.accessLines());
            }
        }
        return found;
    }

    static LoggerContext context() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof LoggerContext context ? context : null;
    }
}
