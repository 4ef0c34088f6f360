package io.chassis.tracing.jaeger;

import com.typesafe.config.Config;
import io.chassis.config.ConfigRules;
import io.chassis.tracing.PropagationFormat;
import io.chassis.tracing.TracingSettings;
import io.chassis.tracing.TracingSettings.ReporterType;
import io.chassis.tracing.jaeger.internal.ChassisCodec;
import io.chassis.tracing.jaeger.internal.DroppedSpanMetrics;
import io.chassis.tracing.jaeger.internal.JaegerReporters;
import io.chassis.tracing.jaeger.internal.JaegerSamplers;
import io.chassis.tracing.jaeger.internal.TraceStateObjectFactory;
import io.chassis.tracing.spi.BackendContext;
import io.chassis.tracing.spi.BackendTracer;
import io.chassis.tracing.spi.TracerBackend;
import io.jaegertracing.internal.JaegerTracer;
import io.jaegertracing.internal.metrics.Metrics;
import io.jaegertracing.spi.Reporter;
import io.jaegertracing.spi.Sampler;
import io.opentracing.Tracer;
import io.opentracing.propagation.Format;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * chassis-tracing on jaeger-client: reports to a Jaeger agent (UDP, the default), a Jaeger collector
 * (HTTP) or Zipkin. jaeger-client is no longer maintained upstream; switch to chassis-tracing-otel
 * by changing the dependency, service code stays the same.
 */
public final class JaegerBackend implements TracerBackend {

    private static final Logger LOG = LoggerFactory.getLogger(JaegerBackend.class);

    /** For {@link java.util.ServiceLoader}. */
    public JaegerBackend() {}

    @Override
    public String name() {
        return "jaeger-client";
    }

    @Override
    public PropagationFormat nativeFormat() {
        return PropagationFormat.JAEGER;
    }

    @Override
    public void validate(TracingSettings settings, Config config) {
        ReporterType type = settings.reporter().type().orElse(ReporterType.JAEGER_AGENT);
        new ConfigRules(config)
                .require(
                        type != ReporterType.OTLP,
                        "chassis.tracing.reporter.type",
                        "be jaeger-agent, jaeger-collector or zipkin with chassis-tracing-jaeger",
                        "otlp",
                        "Depend on chassis-tracing-otel instead to export OTLP.")
                .throwIfAny();
    }

    @Override
    public BackendTracer start(BackendContext context) throws Exception {
        TracingSettings settings = context.settings();
        Metrics metrics = new Metrics(new DroppedSpanMetrics(context.droppedSpans()));
        Sampler sampler = JaegerSamplers.create(settings.sampler());
        Reporter reporter = JaegerReporters.create(settings.reporter(), metrics, context.droppedSpans());
        ChassisCodec codec = new ChassisCodec(context.headers(), sampler);
        // jaeger-client's own factory drops the W3C tracestate at the first child span
        JaegerTracer tracer =
                new JaegerTracer.Builder(context.serviceName(), new TraceStateObjectFactory()) {}.withTraceId128Bit()
                        .withSampler(sampler)
                        .withReporter(reporter)
                        .withMetrics(metrics)
                        .withTags(settings.tags())
                        .withTag("service.version", context.serviceVersion())
                        .registerExtractor(Format.Builtin.HTTP_HEADERS, codec)
                        .registerInjector(Format.Builtin.HTTP_HEADERS, codec)
                        .registerExtractor(Format.Builtin.TEXT_MAP, codec)
                        .registerInjector(Format.Builtin.TEXT_MAP, codec)
                        .withManualShutdown()
                        .build();
        return new BackendTracer() {
            @Override
            public Tracer tracer() {
                return tracer;
            }

            @Override
            public void close(Duration timeout) {
                closeWithin(tracer, timeout);
            }
        };
    }

    /** Closing flushes the reporter but may wait longer than we allow; wait at most {@code timeout}. */
    private static void closeWithin(JaegerTracer tracer, Duration timeout) {
        Thread closer = new Thread(tracer::close, "chassis-tracing-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn(
                    "Spans were still being sent after chassis.tracing.reporter.close-timeout={}; stopped waiting",
                    timeout);
        }
    }
}
