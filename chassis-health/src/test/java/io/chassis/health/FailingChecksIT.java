package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.core.ChassisStartupException;
import io.chassis.core.health.HealthResult;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FailingChecksIT {

    static ChassisBuilder service() {
        return Chassis.builder().name("health-test").version("1.0.0");
    }

    @Test
    void aCriticalDownCheckAnswers503() {
        try (TestService service = TestService.start(
                service().configure(app -> app.health().add("db", () -> HealthResult.down("connection refused"))))) {
            TestResponse ready = service.admin().get("/health/ready").send();
            TestResponse live = service.admin().get("/health/live").send();

            ready.expectStatus(503)
                    .expectBody("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"ready\",\"status\":\"UP\"},"
                            + "{\"name\":\"db\",\"status\":\"DOWN\",\"data\":{\"message\":\"connection refused\"}}]}");
            live.expectStatus(200);
        }
    }

    @Test
    void aHangingCheckIsCutByItsTimeoutWhileTheOthersStillReport() {
        CountDownLatch release = new CountDownLatch(1);
        try (TestService service = TestService.start(
                service().configOverride("chassis.health.timeout", "500ms").configure(app -> app.health()
                        .add("stuck", () -> {
                            release.await(30, TimeUnit.SECONDS);
                            return HealthResult.up();
                        })
                        .add("db", HealthResult::up)))) {
            TestResponse ready = service.admin().get("/health/ready").send();

            ready.expectStatus(503);
            assertThat(ready.body())
                    .contains(
                            "{\"name\":\"stuck\",\"status\":\"DOWN\",\"data\":{\"message\":\"timed out after 500ms\"}}")
                    .contains("{\"name\":\"db\",\"status\":\"UP\"}");
        } finally {
            release.countDown();
        }
    }

    @Test
    void detailsCanBeSwitchedOffForPublicExposure() {
        try (TestService none = TestService.start(service()
                        .configOverride("chassis.health.details", "none")
                        .configure(app ->
                                app.health().add("db", () -> HealthResult.down("password rejected for user orders"))));
                TestService names = TestService.start(service()
                        .configOverride("chassis.health.details", "names")
                        .configure(app -> app.health()
                                .add("db", () -> HealthResult.down("password rejected for user orders"))))) {
            TestResponse statusOnly = none.admin().get("/health/ready").send();
            TestResponse withNames = names.admin().get("/health/ready").send();

            statusOnly.expectStatus(503).expectBody("{\"status\":\"DOWN\"}");
            withNames.expectBody("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"ready\",\"status\":\"UP\"},"
                    + "{\"name\":\"db\",\"status\":\"DOWN\"}]}");
        }
    }

    @Test
    void aCheckNamedLikeTheServicesOwnEntryStopsTheStart() {
        ChassisBuilder builder = service().configure(app -> app.health().add("ready", HealthResult::up));

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOf(ChassisStartupException.class)
                .hasMessageContaining("health check name 'ready' is reserved");
    }
}
