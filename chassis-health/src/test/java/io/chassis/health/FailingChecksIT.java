package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.core.ChassisStartupException;
import io.chassis.core.health.HealthResult;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FailingChecksIT {

    @Test
    void aCriticalDownCheckAnswers503() throws Exception {
        try (Chassis app = HealthApps.builder()
                .healthCheck("db", () -> HealthResult.down("connection refused"))
                .start()) {
            HttpResponse<String> ready = HealthApps.admin(app, "/health/ready");
            HttpResponse<String> live = HealthApps.admin(app, "/health/live");

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body())
                    .isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"ready\",\"status\":\"UP\"},"
                            + "{\"name\":\"db\",\"status\":\"DOWN\",\"data\":{\"message\":\"connection refused\"}}]}");
            assertThat(live.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHangingCheckIsCutByItsTimeoutWhileTheOthersStillReport() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Chassis app = HealthApps.builder()
                .configOverride("chassis.health.timeout", "500ms")
                .healthCheck("stuck", () -> {
                    release.await(30, TimeUnit.SECONDS);
                    return HealthResult.up();
                })
                .healthCheck("db", HealthResult::up)
                .start()) {
            HttpResponse<String> ready = HealthApps.admin(app, "/health/ready");

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body())
                    .contains(
                            "{\"name\":\"stuck\",\"status\":\"DOWN\",\"data\":{\"message\":\"timed out after 500ms\"}}")
                    .contains("{\"name\":\"db\",\"status\":\"UP\"}");
        } finally {
            release.countDown();
        }
    }

    @Test
    void detailsCanBeSwitchedOffForPublicExposure() throws Exception {
        try (Chassis none = HealthApps.builder()
                        .configOverride("chassis.health.details", "none")
                        .healthCheck("db", () -> HealthResult.down("password rejected for user orders"))
                        .start();
                Chassis names = HealthApps.builder()
                        .configOverride("chassis.health.details", "names")
                        .healthCheck("db", () -> HealthResult.down("password rejected for user orders"))
                        .start()) {
            HttpResponse<String> statusOnly = HealthApps.admin(none, "/health/ready");
            HttpResponse<String> withNames = HealthApps.admin(names, "/health/ready");

            assertThat(statusOnly.statusCode()).isEqualTo(503);
            assertThat(statusOnly.body()).isEqualTo("{\"status\":\"DOWN\"}");
            assertThat(withNames.body())
                    .isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"ready\",\"status\":\"UP\"},"
                            + "{\"name\":\"db\",\"status\":\"DOWN\"}]}");
        }
    }

    @Test
    void aCheckNamedLikeTheServicesOwnEntryStopsTheStart() {
        ChassisBuilder builder = HealthApps.builder().healthCheck("ready", HealthResult::up);

        assertThatThrownBy(builder::start)
                .isInstanceOf(ChassisStartupException.class)
                .hasMessageContaining("health check name 'ready' is reserved");
    }
}
