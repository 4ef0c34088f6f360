package io.chassis.tracing.jaeger.internal;

import io.micrometer.core.instrument.Counter;
import zipkin2.reporter.ReporterMetrics;

/** Zipkin's reporter metrics, of which Chassis keeps dropped spans (queue full or send failed). */
final class ZipkinDropCounter implements ReporterMetrics {

    private final Counter dropped;

    ZipkinDropCounter(Counter dropped) {
        this.dropped = dropped;
    }

    @Override
    public void incrementSpansDropped(int quantity) {
        dropped.increment(quantity);
    }

    @Override
    public void incrementMessages() {}

    @Override
    public void incrementMessagesDropped(Throwable cause) {}

    @Override
    public void incrementSpans(int quantity) {}

    @Override
    public void incrementSpanBytes(int quantity) {}

    @Override
    public void incrementMessageBytes(int quantity) {}

    @Override
    public void updateQueuedSpans(int update) {}

    @Override
    public void updateQueuedBytes(int update) {}
}
