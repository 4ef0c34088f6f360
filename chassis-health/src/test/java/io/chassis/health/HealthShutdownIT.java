package io.chassis.health;

import static org.awaitility.Awaitility.await;

import io.chassis.core.Chassis;
import io.chassis.core.health.HealthKind;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthShutdownIT {

    @Test
    void readinessIsDownDuringTheShutdownDrainWhileLivenessAndStartupStayUp() throws Exception {
        // onLoopback sets no drain delay; this test needs one, so it starts the service itself
        TestService service = TestService.of(TestService.onLoopback(
                        Chassis.builder().name("health-test").version("1.0.0").configure(app -> app.health()
                                .add("deadlocks", HealthChecks.deadlocks(), c -> c.kinds(HealthKind.LIVENESS))))
                .configOverride("chassis.shutdown.drain-delay", "3s")
                .start());
        TestResponse readyBefore = service.admin().get("/health/ready").send();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::close);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.admin().get("/health/ready").send().status() == 503);
        TestResponse ready = service.admin().get("/health/ready").send();
        TestResponse live = service.admin().get("/health/live").send();
        TestResponse started = service.admin().get("/health/started").send();

        readyBefore.expectStatus(200);
        ready.expectBody("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"ready\",\"status\":\"DOWN\","
                + "\"data\":{\"message\":\"shutting down\"}}]}");
        live.expectStatus(200);
        started.expectStatus(200);
        stopping.get(30, TimeUnit.SECONDS);
    }
}
