package io.chassis.tracing.otel;

import com.typesafe.config.Config;
import io.chassis.config.ConfigRules;
import io.chassis.tracing.PropagationFormat;
import io.chassis.tracing.TracingSettings;
import io.chassis.tracing.TracingSettings.ReporterType;
import io.chassis.tracing.otel.internal.ChassisPropagator;
import io.chassis.tracing.otel.internal.DropCountingMeterProvider;
import io.chassis.tracing.otel.internal.OtelExporters;
import io.chassis.tracing.otel.internal.OtelSamplers;
import io.chassis.tracing.otel.internal.SpanKindTracerProvider;
import io.chassis.tracing.spi.BackendContext;
import io.chassis.tracing.spi.BackendTracer;
import io.chassis.tracing.spi.TracerBackend;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentracing.Tracer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * chassis-tracing on the OpenTelemetry SDK, behind the OpenTracing API through
 * opentelemetry-opentracing-shim: exports OTLP over HTTP (the default; OpenTelemetry collectors,
 * Jaeger v2) or Zipkin, from a bounded batch queue.
 */
public final class OtelBackend implements TracerBackend {

    private static final Logger LOG = LoggerFactory.getLogger(OtelBackend.class);

    /** For {@link java.util.ServiceLoader}. */
    public OtelBackend() {}

    @Override
    public String name() {
        return "opentelemetry";
    }

    @Override
    public PropagationFormat nativeFormat() {
        return PropagationFormat.W3C;
    }

    @Override
    public void validate(TracingSettings settings, Config config) {
        ReporterType type = settings.reporter().type().orElse(ReporterType.OTLP);
        new ConfigRules(config)
                .require(
                        type == ReporterType.OTLP || type == ReporterType.ZIPKIN,
                        "chassis.tracing.reporter.type",
                        "be otlp or zipkin with chassis-tracing-otel",
                        type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        "A Jaeger collector receives OTLP on port 4318: use otlp.")
                .throwIfAny();
    }

    @Override
    @SuppressWarnings("deprecation") // OpenTracingShim: OpenTracing is deprecated upstream, it is our API
    public BackendTracer start(BackendContext context) {
        TracingSettings settings = context.settings();
        TracingSettings.Reporter reporter = settings.reporter();
        DropCountingMeterProvider meters = new DropCountingMeterProvider(context.droppedSpans());
        BatchSpanProcessor batch = BatchSpanProcessor.builder(OtelExporters.create(reporter, context.droppedSpans()))
                .setMaxQueueSize(reporter.queueSize())
                .setMaxExportBatchSize(Math.min(512, reporter.queueSize()))
                .setScheduleDelay(reporter.flushInterval())
                .setExporterTimeout(reporter.timeout())
                .setMeterProvider(meters)
                .build();
        Sampler root = OtelSamplers.root(settings.sampler(), context.clock());
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource(context))
                .setSampler(Sampler.parentBased(root))
                .addSpanProcessor(batch)
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(new ChassisPropagator(context.headers(), root)))
                .build();
        TextMapPropagator propagator = sdk.getPropagators().getTextMapPropagator();
        Tracer tracer = OpenTracingShim.createTracerShim(new SpanKindTracerProvider(provider), propagator, propagator);
        return new BackendTracer() {
            @Override
            public Tracer tracer() {
                return tracer;
            }

            @Override
            public void close(Duration timeout) {
                if (!provider.shutdown()
                        .join(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .isSuccess()) {
                    LOG.warn("Not every span was sent within chassis.tracing.reporter.close-timeout={}", timeout);
                }
            }
        };
    }

    private static Resource resource(BackendContext context) {
        AttributesBuilder attributes = io.opentelemetry.api.common.Attributes.builder()
                .put("service.name", context.serviceName())
                .put("service.version", context.serviceVersion());
        context.settings().tags().forEach(attributes::put);
        return Resource.getDefault().merge(Resource.create(attributes.build()));
    }
}
