package io.chassis.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredChecksTest {

    static List<HealthContribution> checks(Object... pathsAndValues) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            overrides.put("chassis.health.checks." + pathsAndValues[i], pathsAndValues[i + 1]);
        }
        Config config = TestSupport.config(overrides).config();
        return ConfiguredChecks.from(config, HealthSettings.from(config));
    }

    @Test
    void eachEntryBecomesACheckWithItsTypesDefaultKindsAndItsOwnTimeout() {
        List<HealthContribution> checks = checks(
                "payments.type", "http",
                "payments.url", "http://payments:8081/health/ready",
                "payments.timeout", "1s",
                "deadlocks.type", "deadlock",
                "cache.type", "tcp",
                "cache.host", "redis",
                "cache.port", 6379,
                "cache.critical", false,
                "cache.kinds", List.of("startup", "readiness"));

        assertThat(checks)
                .extracting(HealthContribution::name)
                .containsExactlyInAnyOrder("payments", "deadlocks", "cache");
        HealthContribution payments = byName(checks, "payments");
        assertThat(payments.kinds()).containsExactly(HealthKind.READINESS);
        assertThat(payments.timeout()).contains(Duration.ofSeconds(1));
        assertThat(payments.critical()).isTrue();
        assertThat(byName(checks, "deadlocks").kinds()).containsExactly(HealthKind.LIVENESS);
        assertThat(byName(checks, "deadlocks").timeout()).isEqualTo(Optional.empty());
        assertThat(byName(checks, "cache").kinds()).containsExactlyInAnyOrder(HealthKind.STARTUP, HealthKind.READINESS);
        assertThat(byName(checks, "cache").critical()).isFalse();
    }

    @Test
    void everyProblemOfEveryEntryIsReportedTogether() {
        assertThatThrownBy(() -> checks(
                        "a.type", "ftp",
                        "b.type", "tcp",
                        "c.type", "http",
                        "c.url", "http://payments/health",
                        "c.host", "payments",
                        "d.type", "heap",
                        "d.max-usd", 0.8,
                        "ready.type", "deadlock",
                        "e.type", "jdbc",
                        "e.url", "postgres://db",
                        "e.password", "hunter2"))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> {
                    assertThat(e.problems())
                            .extracting(ConfigProblem::path)
                            .containsExactlyInAnyOrder(
                                    "chassis.health.checks.a.type",
                                    "chassis.health.checks.b.host",
                                    "chassis.health.checks.b.port",
                                    "chassis.health.checks.c.host",
                                    "chassis.health.checks.d.max-usd",
                                    "chassis.health.checks.ready",
                                    "chassis.health.checks.e.url");
                    assertThat(e.getMessage())
                            .contains("chassis.health.checks.c.host must not be set for type http, but was 'payments'")
                            .contains("Type http reads: url, expected-status.")
                            .doesNotContain("hunter2");
                });
    }

    @Test
    void aKeyOfAnotherTypeIsRejectedWithoutShowingSecrets() {
        assertThatThrownBy(() -> checks("db.type", "tcp", "db.host", "db", "db.port", 5432, "db.password", "hunter2"))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.getMessage())
                        .contains("chassis.health.checks.db.password must not be set for type tcp, but was '******'")
                        .doesNotContain("hunter2"));
    }

    private static HealthContribution byName(List<HealthContribution> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
