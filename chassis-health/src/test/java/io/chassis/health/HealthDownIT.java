package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.core.Chassis;
import io.chassis.core.spi.HealthResult;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthDownIT {

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
    void checksRunInTheBackgroundWithoutAnyProbe() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Chassis app = HealthApps.builder()
                .configOverride("chassis.health.background.enabled", true)
                .configOverride("chassis.health.background.interval", "50ms")
                .healthCheck("db", () -> {
                    runs.incrementAndGet();
                    return HealthResult.up();
                })
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);

            assertThat(HealthApps.admin(app, "/health/ready").statusCode()).isEqualTo(200);
        }
    }
}
