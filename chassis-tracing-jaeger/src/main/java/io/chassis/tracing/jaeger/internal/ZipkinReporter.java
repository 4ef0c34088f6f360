package io.chassis.tracing.jaeger.internal;

import io.jaegertracing.internal.JaegerSpan;
import io.jaegertracing.spi.Reporter;
import io.jaegertracing.zipkin.ZipkinV2Reporter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import zipkin2.reporter.AsyncReporter;

/**
 * jaeger-client's Zipkin reporter with the flushing done here: Zipkin's own flusher thread holds
 * spans until its message timeout and drops them on close, so closing would lose what a long
 * flush interval still holds. Here a daemon thread flushes every interval, and close flushes what
 * is left before releasing the sender.
 */
final class ZipkinReporter implements Reporter {

    private final ZipkinV2Reporter delegate;
    private final AsyncReporter<zipkin2.Span> spans;
    private final ScheduledExecutorService flusher;

    ZipkinReporter(AsyncReporter<zipkin2.Span> spans, Duration interval) {
        this.delegate = new ZipkinV2Reporter(spans);
        this.spans = spans;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "chassis-tracing-zipkin");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void report(JaegerSpan span) {
        delegate.report(span);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
        delegate.close();
    }

    private void flushQuietly() {
        try {
            spans.flush();
        } catch (RuntimeException e) {
            // the reporter counted the spans as dropped; the next flush tries again
        }
    }
}
