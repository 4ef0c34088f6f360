package io.chassis.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {

    @Test
    void defaultsSampleEverythingAndWriteW3cPlusNative() {
        TracingSettings s = TracingSettings.from(config(""));

        assertThat(s.enabled()).isTrue();
        assertThat(s.sampler().type()).isEqualTo(TracingSettings.SamplerType.ALWAYS);
        assertThat(s.reporter().type()).isEmpty();
        assertThat(s.injectFormats(PropagationFormat.JAEGER))
                .containsExactly(PropagationFormat.W3C, PropagationFormat.JAEGER);
        assertThat(s.injectFormats(PropagationFormat.W3C)).containsExactly(PropagationFormat.W3C);
    }

    @Test
    void bindsSamplerAndFormats() {
        TracingSettings s =
                TracingSettings.from(config("chassis.tracing { sampler.type = rate-limited, sampler.per-second = 2.5,"
                        + " propagation.inject = [b3-single, b3], reporter.type = zipkin }"));

        assertThat(s.sampler().type()).isEqualTo(TracingSettings.SamplerType.RATE_LIMITED);
        assertThat(s.sampler().perSecond()).isEqualTo(2.5);
        assertThat(s.reporter().type()).contains(TracingSettings.ReporterType.ZIPKIN);
        assertThat(s.injectFormats(PropagationFormat.W3C))
                .containsExactly(PropagationFormat.B3_SINGLE, PropagationFormat.B3);
    }

    @Test
    void reportsEveryInvalidValueAtOnce() {
        Config bad = config("chassis.tracing { sampler.probability = 1.5, sampler.per-second = 0,"
                + " propagation.inject = [w3c, zipkin], reporter.queue-size = 0,"
                + " reporter.zipkin.endpoint = \"ftp://x\", response-header = \"X Trace\" }");

        assertThatThrownBy(() -> TracingSettings.from(bad))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(
                                e.problems().stream().map(ConfigProblem::path).toList())
                        .containsExactlyInAnyOrder(
                                "chassis.tracing.sampler.probability",
                                "chassis.tracing.sampler.per-second",
                                "chassis.tracing.propagation.inject",
                                "chassis.tracing.reporter.queue-size",
                                "chassis.tracing.reporter.zipkin.endpoint",
                                "chassis.tracing.response-header"))
                .hasMessageContaining("must be between 0.0 and 1.0, but was '1.5'")
                .hasMessageContaining("but was 'zipkin'");
    }

    @Test
    void anUnknownSamplerTypeIsAProblem() {
        assertThatThrownBy(() -> TracingSettings.from(config("chassis.tracing.sampler.type = sometimes")))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.tracing.sampler.type");
    }

    private static Config config(String hocon) {
        return ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }
}
