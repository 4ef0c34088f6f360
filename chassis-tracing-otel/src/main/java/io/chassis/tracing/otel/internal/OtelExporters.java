package io.chassis.tracing.otel.internal;

import io.chassis.tracing.TracingSettings;
import io.chassis.tracing.TracingSettings.ReporterType;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/** Builds the exporter: OTLP over HTTP (JDK HttpClient) or Zipkin (HttpURLConnection). */
public final class OtelExporters {

    private OtelExporters() {}

    /**
     * @param settings the reporter settings
     * @param dropped counts the spans of failed exports
     * @return the exporter
     */
    public static SpanExporter create(TracingSettings.Reporter settings, Counter dropped) {
        ReporterType type = settings.type().orElse(ReporterType.OTLP);
        SpanExporter exporter;
        if (type == ReporterType.ZIPKIN) {
            int millis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
            exporter = ZipkinSpanExporter.builder()
                    .setSender(URLConnectionSender.newBuilder()
                            .endpoint(settings.zipkin().endpoint().toString())
                            .connectTimeout(millis)
                            .readTimeout(millis)
                            .build())
                    .build();
        } else {
            exporter = OtlpHttpSpanExporter.builder()
                    .setEndpoint(settings.otlp().endpoint().toString())
                    .setTimeout(settings.timeout())
                    .build();
        }
        return new CountingExporter(exporter, dropped);
    }
}
