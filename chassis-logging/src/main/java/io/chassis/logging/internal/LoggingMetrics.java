package io.chassis.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.chassis.logging.ChassisLogging;
import io.chassis.logging.DropCountingAsyncAppender;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import java.util.Locale;

/**
 * The logging meters: {@code logback.events} (events per level, the name and tags of Micrometer's
 * binder) and {@value #DROPPED}, the events the async queue dropped
 * ({@code chassis_logging_dropped_events_total} in Prometheus).
 *
 * <p>When Chassis wired logging, events are counted by its appender. Micrometer's {@link
 * LogbackMetrics} counts through a logback turbo filter instead, which then runs on every {@code
 * isTraceEnabled()} check of every library on the request path; it is used only for a user's own
 * {@code logback.xml}, where there is no Chassis appender to count.
 */
public final class LoggingMetrics implements AutoCloseable {

    /** Name of the dropped-events counter. */
    public static final String DROPPED = "chassis.logging.dropped.events";

    private final LogbackMetrics userConfigured;

    private LoggingMetrics(LogbackMetrics userConfigured) {
        this.userConfigured = userConfigured;
    }

    /**
     * Registers the meters. Bind after any logback reset.
     *
     * @return the binding; close it to stop counting events
     */
    public static LoggingMetrics bind(MeterRegistry registry, LoggerContext context) {
        LogbackMetrics userConfigured = null;
        if (ChassisLogging.isWiredByChassis()) {
            for (Level level : DropCountingAsyncAppender.LEVELS) {
                // The counter holds its state object weakly; SLF4J holds the logback context for good.
                FunctionCounter.builder("logback.events", context, ignored -> ChassisLogging.appendedEvents(level))
                        .tag("level", level.toString().toLowerCase(Locale.ROOT))
                        .description("Number of log events that were enabled by the effective log level")
                        .baseUnit("events")
                        .register(registry);
            }
        } else {
            userConfigured = new LogbackMetrics(Tags.empty(), context);
            userConfigured.bindTo(registry);
        }
        FunctionCounter.builder(DROPPED, context, ignored -> ChassisLogging.droppedEvents())
                .description("Log events dropped because the queue to stdout was full")
                .register(registry);
        return new LoggingMetrics(userConfigured);
    }

    @Override
    public void close() {
        if (userConfigured != null) {
            userConfigured.close();
        }
    }
}
