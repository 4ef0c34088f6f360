package io.chassis.logging.internal;

import ch.qos.logback.classic.LoggerContext;
import io.chassis.logging.ChassisLogging;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;

/**
 * The logging meters: Micrometer's {@code logback.events} (events per level) and {@value #DROPPED},
 * the events the async queue dropped ({@code chassis_logging_dropped_events_total} in Prometheus).
 */
public final class LoggingMetrics implements AutoCloseable {

    /** Name of the dropped-events counter. */
    public static final String DROPPED = "chassis.logging.dropped.events";

    private final LogbackMetrics events;

    private LoggingMetrics(LogbackMetrics events) {
        this.events = events;
    }

    /**
     * Registers the meters. Bind after any logback reset: a reset removes the counting filter.
     *
     * @return the binding; close it to stop counting events
     */
    public static LoggingMetrics bind(MeterRegistry registry, LoggerContext context) {
        LogbackMetrics events = new LogbackMetrics(Tags.empty(), context);
        events.bindTo(registry);
        LoggingMetrics metrics = new LoggingMetrics(events);
        // The counter holds its state object weakly; SLF4J holds the logback context for good.
        FunctionCounter.builder(DROPPED, context, ignored -> ChassisLogging.droppedEvents())
                .description("Log events dropped because the queue to stdout was full")
                .register(registry);
        return metrics;
    }

    @Override
    public void close() {
        events.close();
    }
}
