package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.core.Chassis;
import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthShutdownIT {

    @Test
    void readinessIsDownDuringTheShutdownDrainWhileLivenessAndStartupStayUp() throws Exception {
        Chassis app = HealthApps.builder()
                .configOverride("chassis.shutdown.drain-delay", "3s")
                .healthCheck(HealthContribution.builder("deadlocks", HealthChecks.deadlocks())
                        .kinds(HealthKind.LIVENESS)
                        .build())
                .start();
        HttpResponse<String> readyBefore = HealthApps.admin(app, "/health/ready");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> HealthApps.admin(app, "/health/ready").statusCode() == 503);
        HttpResponse<String> ready = HealthApps.admin(app, "/health/ready");
        HttpResponse<String> live = HealthApps.admin(app, "/health/live");
        HttpResponse<String> started = HealthApps.admin(app, "/health/started");

        assertThat(readyBefore.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"ready\",\"status\":\"DOWN\","
                        + "\"data\":{\"message\":\"shutting down\"}}]}");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(started.statusCode()).isEqualTo(200);
        stopping.get(30, TimeUnit.SECONDS);
    }
}
