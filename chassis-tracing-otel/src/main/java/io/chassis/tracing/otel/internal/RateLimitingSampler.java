package io.chassis.tracing.otel.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.time.Clock;
import java.util.List;

/**
 * Samples at most {@code perSecond} new traces per second (a token bucket holding one second's
 * worth), like jaeger-client's rate-limiting sampler; the OpenTelemetry SDK has none.
 */
final class RateLimitingSampler implements Sampler {

    private final double perSecond;
    private final double capacity;
    private final Clock clock;
    private double credits;
    private long lastMillis;

    RateLimitingSampler(double perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.clock = clock;
        this.credits = capacity;
        this.lastMillis = clock.millis();
    }

    @Override
    public SamplingResult shouldSample(
            Context parentContext,
            String traceId,
            String name,
            SpanKind spanKind,
            Attributes attributes,
            List<LinkData> parentLinks) {
        return take() ? SamplingResult.recordAndSample() : SamplingResult.drop();
    }

    private synchronized boolean take() {
        long now = clock.millis();
        credits = Math.min(capacity, credits + (now - lastMillis) * perSecond / 1000.0);
        lastMillis = now;
        if (credits >= 1) {
            credits -= 1;
            return true;
        }
        return false;
    }

    @Override
    public String getDescription() {
        return "RateLimitingSampler{" + perSecond + "/s}";
    }
}
