package io.chassis.tracing.jaeger.internal;

import io.jaegertracing.internal.metrics.Counter;
import io.jaegertracing.internal.metrics.Gauge;
import io.jaegertracing.internal.metrics.Timer;
import io.jaegertracing.spi.MetricsFactory;
import java.util.Map;

/**
 * jaeger-client's metrics, of which Chassis keeps one: spans reported as {@code dropped} (queue
 * full) or {@code err} (send failed) go to {@code chassis.tracing.spans.dropped}.
 */
public final class DroppedSpanMetrics implements MetricsFactory {

    private static final String REPORTER_SPANS = "jaeger_tracer_reporter_spans";
    private static final Counter NONE = delta -> {};

    private final io.micrometer.core.instrument.Counter dropped;

    /** @param dropped the counter to increment */
    public DroppedSpanMetrics(io.micrometer.core.instrument.Counter dropped) {
        this.dropped = dropped;
    }

    @Override
    public Counter createCounter(String name, Map<String, String> tags) {
        String result = tags.get("result");
        if (REPORTER_SPANS.equals(name) && ("dropped".equals(result) || "err".equals(result))) {
            return delta -> dropped.increment(delta);
        }
        return NONE;
    }

    @Override
    public Timer createTimer(String name, Map<String, String> tags) {
        return time -> {};
    }

    @Override
    public Gauge createGauge(String name, Map<String, String> tags) {
        return amount -> {};
    }
}
