package io.chassis.tracing.jaeger.internal;

import io.chassis.tracing.TracingSettings;
import io.chassis.tracing.TracingSettings.ReporterType;
import io.jaegertracing.internal.metrics.Metrics;
import io.jaegertracing.internal.reporters.RemoteReporter;
import io.jaegertracing.spi.Reporter;
import io.jaegertracing.spi.Sender;
import io.jaegertracing.thrift.internal.senders.HttpSender;
import io.jaegertracing.thrift.internal.senders.UdpSender;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import zipkin2.reporter.AsyncReporter;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * Builds the reporter: a bounded queue drained by a background thread, so finishing a span never
 * waits for the network; spans that do not fit or fail to send are counted as dropped.
 */
public final class JaegerReporters {

    private JaegerReporters() {}

    /**
     * @param settings the reporter settings
     * @param metrics jaeger-client's metrics (they count drops of the Jaeger reporters)
     * @param dropped the counter the Zipkin reporter counts drops in
     * @return the reporter, started
     * @throws Exception when the sender cannot be created (e.g. an unknown agent host)
     */
    public static Reporter create(
            TracingSettings.Reporter settings, Metrics metrics, io.micrometer.core.instrument.Counter dropped)
            throws Exception {
        ReporterType type = settings.type().orElse(ReporterType.JAEGER_AGENT);
        if (type == ReporterType.ZIPKIN) {
            return zipkin(settings, dropped);
        }
        Sender sender = type == ReporterType.JAEGER_COLLECTOR
                ? new HttpSender.Builder(settings.jaegerCollector().endpoint().toString())
                        .withClient(new OkHttpClient.Builder()
                                .callTimeout(settings.timeout())
                                .build())
                        .build()
                : new UdpSender(
                        settings.jaegerAgent().host(), settings.jaegerAgent().port(), 0);
        return new RemoteReporter.Builder()
                .withSender(sender)
                .withMetrics(metrics)
                .withMaxQueueSize(settings.queueSize())
                .withFlushInterval(millis(settings.flushInterval()))
                .withCloseEnqueueTimeout(millis(settings.closeTimeout()))
                .build();
    }

    private static Reporter zipkin(TracingSettings.Reporter settings, io.micrometer.core.instrument.Counter dropped) {
        URLConnectionSender sender = URLConnectionSender.newBuilder()
                .endpoint(settings.zipkin().endpoint().toString())
                .connectTimeout(millis(settings.timeout()))
                .readTimeout(millis(settings.timeout()))
                .build();
        AsyncReporter<zipkin2.Span> reporter = AsyncReporter.builder(sender)
                .queuedMaxSpans(settings.queueSize())
                .messageTimeout(0, TimeUnit.MILLISECONDS) // no flusher thread of its own: see ZipkinReporter
                .closeTimeout(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .metrics(new ZipkinDropCounter(dropped))
                .build();
        return new ZipkinReporter(reporter, settings.flushInterval());
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
