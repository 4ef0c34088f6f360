package io.chassis.tracing.jaeger.internal;

import io.chassis.tracing.TracingSettings;
import io.jaegertracing.internal.samplers.ConstSampler;
import io.jaegertracing.internal.samplers.ProbabilisticSampler;
import io.jaegertracing.internal.samplers.RateLimitingSampler;
import io.jaegertracing.spi.Sampler;

/** jaeger-client's samplers for {@code chassis.tracing.sampler}; a caller's decision is kept by the tracer. */
public final class JaegerSamplers {

    private JaegerSamplers() {}

    /**
     * @param settings the sampler settings
     * @return the sampler for new traces
     */
    public static Sampler create(TracingSettings.Sampler settings) {
        return switch (settings.type()) {
            case ALWAYS -> new ConstSampler(true);
            case NEVER -> new ConstSampler(false);
            case PROBABILISTIC -> new ProbabilisticSampler(settings.probability());
            case RATE_LIMITED -> new RateLimitingSampler(settings.perSecond());
        };
    }
}
