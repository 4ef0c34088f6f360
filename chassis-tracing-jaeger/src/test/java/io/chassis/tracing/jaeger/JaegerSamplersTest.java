package io.chassis.tracing.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.tracing.TracingSettings;
import io.chassis.tracing.TracingSettings.SamplerType;
import io.chassis.tracing.jaeger.internal.JaegerSamplers;
import io.jaegertracing.spi.Sampler;
import org.junit.jupiter.api.Test;

class JaegerSamplersTest {

    @Test
    void mapsEachSamplerTypeToItsDecisions() {
        assertThat(sample(SamplerType.ALWAYS, 0, 1)).isTrue();
        assertThat(sample(SamplerType.NEVER, 0, 1)).isFalse();
        assertThat(sample(SamplerType.PROBABILISTIC, 0.0, 1)).isFalse();
        assertThat(sample(SamplerType.PROBABILISTIC, 1.0, 1)).isTrue();
    }

    @Test
    void rateLimitedStopsSamplingOnceTheSecondsBudgetIsSpent() {
        Sampler limited = JaegerSamplers.create(new TracingSettings.Sampler(SamplerType.RATE_LIMITED, 0, 1));

        boolean first = limited.sample("op", 1).isSampled();
        boolean second = limited.sample("op", 2).isSampled();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }

    private static boolean sample(SamplerType type, double probability, double perSecond) {
        return JaegerSamplers.create(new TracingSettings.Sampler(type, probability, perSecond))
                .sample("op", 42)
                .isSampled();
    }
}
