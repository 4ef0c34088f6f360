package io.chassis.tracing.otel.internal;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** Counts the spans of every failed export as dropped. */
final class CountingExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final Counter dropped;

    CountingExporter(SpanExporter delegate, Counter dropped) {
        this.delegate = delegate;
        this.dropped = dropped;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = delegate.export(spans);
        int count = spans.size();
        result.whenComplete(() -> {
            if (!result.isSuccess()) {
                dropped.increment(count);
            }
        });
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
