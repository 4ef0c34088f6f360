package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthKind;
import io.chassis.core.health.HealthResult;
import io.chassis.testing.ChassisExtension;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthEndpointsIT {

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(() -> HealthApps.builder()
                    .healthCheck("db", () -> HealthResult.up(Map.of("pool", 4)))
                    .healthCheck(HealthContribution.builder("cache", () -> HealthResult.down("connection refused"))
                            .critical(false)
                            .build())
                    .healthCheck(HealthContribution.builder("deadlocks", HealthChecks.deadlocks())
                            .kinds(HealthKind.LIVENESS)
                            .build())
                    .healthCheck(HealthContribution.builder("warmup", HealthResult::up)
                            .kinds(HealthKind.STARTUP)
                            .build()))
            .withConfig("chassis.health.alias.path", "/healthcheck");

    static final String READY = "{\"status\":\"DEGRADED\",\"checks\":["
            + "{\"name\":\"ready\",\"status\":\"UP\"},"
            + "{\"name\":\"db\",\"status\":\"UP\",\"data\":{\"pool\":4}},"
            + "{\"name\":\"cache\",\"status\":\"DOWN\",\"data\":{\"message\":\"connection refused\",\"critical\":false}}]}";

    @Test
    void liveHasTheLivenessChecksOnly() throws Exception {
        HttpResponse<String> response = HealthApps.admin(app.app(), "/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"deadlocks\",\"status\":\"UP\"}]}");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void readyIsDegradedButStill200WhenOnlyANonCriticalCheckIsDown() throws Exception {
        HttpResponse<String> response = HealthApps.admin(app.app(), "/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(READY);
    }

    @Test
    void startedHasTheStartupChecksAndTheServicesOwnEntry() throws Exception {
        HttpResponse<String> response = HealthApps.admin(app.app(), "/health/started");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"UP\",\"checks\":["
                        + "{\"name\":\"started\",\"status\":\"UP\"},{\"name\":\"warmup\",\"status\":\"UP\"}]}");
    }

    @Test
    void healthHasEveryCheck() throws Exception {
        HttpResponse<String> response = HealthApps.admin(app.app(), "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("{\"status\":\"DEGRADED\",\"checks\":[{\"name\":\"ready\",\"status\":\"UP\"},"
                        + "{\"name\":\"started\",\"status\":\"UP\"},")
                .contains("\"name\":\"db\"", "\"name\":\"cache\"", "\"name\":\"deadlocks\"", "\"name\":\"warmup\"");
    }

    @Test
    void theLegacyAliasServesTheReadinessReport() throws Exception {
        HttpResponse<String> response = HealthApps.admin(app.app(), "/healthcheck");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(READY);
    }

    @Test
    void eachCheckHasAStatusGaugeAndADurationTimer() throws Exception {
        HealthApps.admin(app.app(), "/health");

        String metrics = HealthApps.admin(app.app(), "/metrics").body();

        assertThat(metrics)
                .containsPattern("chassis_health_status\\{[^}]*check=\"db\"[^}]*} 1\\.0")
                .containsPattern("chassis_health_status\\{[^}]*check=\"cache\"[^}]*} 0\\.0")
                .containsPattern("chassis_health_check_duration_seconds_count\\{[^}]*check=\"db\"[^}]*} [1-9]");
    }
}
