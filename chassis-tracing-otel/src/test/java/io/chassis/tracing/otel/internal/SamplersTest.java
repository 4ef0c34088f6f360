package io.chassis.tracing.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.testing.TestClock;
import io.chassis.tracing.TracingSettings;
import io.chassis.tracing.TracingSettings.SamplerType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplersTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void alwaysAndNeverDecideNewTraces() {
        assertThat(sampled(sampler(SamplerType.ALWAYS, 0, 1), Context.root(), TRACE))
                .isTrue();
        assertThat(sampled(sampler(SamplerType.NEVER, 0, 1), Context.root(), TRACE))
                .isFalse();
    }

    @Test
    void probabilisticSamplesByTraceIdRatio() {
        Sampler none = sampler(SamplerType.PROBABILISTIC, 0.0, 1);
        Sampler all = sampler(SamplerType.PROBABILISTIC, 1.0, 1);

        assertThat(sampled(none, Context.root(), TRACE)).isFalse();
        assertThat(sampled(all, Context.root(), TRACE)).isTrue();
    }

    @Test
    void rateLimitedTakesPerSecondThenRefillsWithTime() {
        TestClock clock = new TestClock();
        Sampler limited = OtelSamplers.root(new TracingSettings.Sampler(SamplerType.RATE_LIMITED, 0, 2), clock);

        boolean first = sampled(limited, Context.root(), TRACE);
        boolean second = sampled(limited, Context.root(), TRACE);
        boolean third = sampled(limited, Context.root(), TRACE);
        clock.advance(Duration.ofMillis(500));
        boolean afterHalfASecond = sampled(limited, Context.root(), TRACE);

        assertThat(List.of(first, second, third, afterHalfASecond)).containsExactly(true, true, false, true);
    }

    @Test
    void aSampledRemoteParentWinsOverNever() {
        Sampler never = Sampler.parentBased(sampler(SamplerType.NEVER, 0, 1));
        Context sampledParent = Context.root()
                .with(Span.wrap(SpanContext.createFromRemoteParent(
                        TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault())));

        assertThat(sampled(never, sampledParent, TRACE)).isTrue();
    }

    private static Sampler sampler(SamplerType type, double probability, double perSecond) {
        return OtelSamplers.root(new TracingSettings.Sampler(type, probability, perSecond), Clock.systemUTC());
    }

    private static boolean sampled(Sampler sampler, Context parent, String traceId) {
        return sampler.shouldSample(parent, traceId, "op", SpanKind.SERVER, Attributes.empty(), List.of())
                        .getDecision()
                == SamplingDecision.RECORD_AND_SAMPLE;
    }
}
