package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.core.health.HealthKind;
import io.chassis.core.health.HealthResult;
import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthEndpointsIT {

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(
                    () -> Chassis.builder().name("health-test").version("1.0.0").configure(service -> service.health()
                            .add("db", () -> HealthResult.up(Map.of("pool", 4)))
                            .add("cache", () -> HealthResult.down("connection refused"), c -> c.critical(false))
                            .add("deadlocks", HealthChecks.deadlocks(), c -> c.kinds(HealthKind.LIVENESS))
                            .add("warmup", HealthResult::up, c -> c.kinds(HealthKind.STARTUP))))
            .withConfig("chassis.health.alias.path", "/healthcheck");

    static final String READY = "{\"status\":\"DEGRADED\",\"checks\":["
            + "{\"name\":\"ready\",\"status\":\"UP\"},"
            + "{\"name\":\"db\",\"status\":\"UP\",\"data\":{\"pool\":4}},"
            + "{\"name\":\"cache\",\"status\":\"DOWN\",\"data\":{\"message\":\"connection refused\",\"critical\":false}}]}";

    @Test
    void liveHasTheLivenessChecksOnly() {
        TestResponse response = app.admin().get("/health/live").send();

        response.expectStatus(200)
                .expectBody("{\"status\":\"UP\",\"checks\":[{\"name\":\"deadlocks\",\"status\":\"UP\"}]}")
                .expectContentType("application/json")
                .expectHeader("Cache-Control", "no-store");
    }

    @Test
    void readyIsDegradedButStill200WhenOnlyANonCriticalCheckIsDown() {
        TestResponse response = app.admin().get("/health/ready").send();

        response.expectStatus(200).expectBody(READY);
    }

    @Test
    void startedHasTheStartupChecksAndTheServicesOwnEntry() {
        TestResponse response = app.admin().get("/health/started").send();

        response.expectStatus(200)
                .expectBody("{\"status\":\"UP\",\"checks\":["
                        + "{\"name\":\"started\",\"status\":\"UP\"},{\"name\":\"warmup\",\"status\":\"UP\"}]}");
    }

    @Test
    void healthHasEveryCheck() {
        TestResponse response = app.admin().get("/health").send();

        response.expectStatus(200);
        assertThat(response.body())
                .startsWith("{\"status\":\"DEGRADED\",\"checks\":[{\"name\":\"ready\",\"status\":\"UP\"},"
                        + "{\"name\":\"started\",\"status\":\"UP\"},")
                .contains("\"name\":\"db\"", "\"name\":\"cache\"", "\"name\":\"deadlocks\"", "\"name\":\"warmup\"");
    }

    @Test
    void theLegacyAliasServesTheReadinessReport() {
        TestResponse response = app.admin().get("/healthcheck").send();

        response.expectStatus(200).expectBody(READY);
    }

    @Test
    void eachCheckHasAStatusGaugeAndADurationTimer() {
        app.admin().get("/health").send();

        String metrics = app.admin().get("/metrics").send().body();

        assertThat(metrics)
                .containsPattern("chassis_health_status\\{[^}]*check=\"db\"[^}]*} 1\\.0")
                .containsPattern("chassis_health_status\\{[^}]*check=\"cache\"[^}]*} 0\\.0")
                .containsPattern("chassis_health_check_duration_seconds_count\\{[^}]*check=\"db\"[^}]*} [1-9]");
    }
}
