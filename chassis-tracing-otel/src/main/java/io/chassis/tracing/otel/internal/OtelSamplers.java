package io.chassis.tracing.otel.internal;

import io.chassis.tracing.TracingSettings;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Clock;

/** The OpenTelemetry sampler for new traces; the tracer wraps it in {@code parentBased}. */
public final class OtelSamplers {

    private OtelSamplers() {}

    /**
     * @param settings the sampler settings
     * @param clock for the rate limit
     * @return the sampler for traces without a caller's decision
     */
    public static Sampler root(TracingSettings.Sampler settings, Clock clock) {
        return switch (settings.type()) {
            case ALWAYS -> Sampler.alwaysOn();
            case NEVER -> Sampler.alwaysOff();
            case PROBABILISTIC -> Sampler.traceIdRatioBased(settings.probability());
            case RATE_LIMITED -> new RateLimitingSampler(settings.perSecond(), clock);
        };
    }
}
