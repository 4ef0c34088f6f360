package io.chassis.core.internal.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreSettingsTest {

    private static Config config(Map<String, Object> values) {
        return ConfigFactory.parseMap(values)
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }

    @Test
    void referenceDefaultsAreSafeAndValid() {
        CoreSettings settings = CoreSettings.from(config(Map.of()));

        assertThat(settings.http().port()).isEqualTo(8080);
        assertThat(settings.http().maxBodySize().toBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.http().requestParseTimeout()).isPositive();
        assertThat(settings.http().requestBodyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.admin().port()).isEqualTo(8081);
        assertThat(settings.shutdown().drainDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.shutdown().closeIdleAfter()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.service().name()).isEmpty();
    }

    @Test
    void reportsEveryInvalidValueOfEverySectionAtOnce() {
        Config config = config(Map.of(
                "chassis.http.port",
                70000,
                "chassis.http.max-concurrent-requests",
                0,
                "chassis.http.request-body-timeout",
                "0s",
                "chassis.http.max-body-size",
                "2GiB",
                "chassis.admin.port",
                -5,
                "chassis.shutdown.drain-delay",
                "-1s",
                "chassis.shutdown.close-idle-after",
                "-1ms"));

        assertThatThrownBy(() -> CoreSettings.from(config))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactlyInAnyOrder(
                                "chassis.http.port",
                                "chassis.http.max-concurrent-requests",
                                "chassis.http.request-body-timeout",
                                "chassis.http.max-body-size",
                                "chassis.admin.port",
                                "chassis.shutdown.drain-delay",
                                "chassis.shutdown.close-idle-after"));
    }

    @Test
    void problemsFollowTheHouseTemplate() {
        Config config = config(Map.of("chassis.http.port", 70000));

        assertThatThrownBy(() -> CoreSettings.from(config))
                .hasMessageContaining(
                        "chassis.http.port must be between 0 and 65535, but was '70000'. Use 0 for a free port.");
    }

    @Test
    void serviceNameAndVersionAreReadWhenConfigured() {
        CoreSettings settings =
                CoreSettings.from(config(Map.of("chassis.service.name", "orders", "chassis.service.version", "2.0")));

        assertThat(settings.service().name()).hasValue("orders");
        assertThat(settings.service().version()).hasValue("2.0");
    }
}
