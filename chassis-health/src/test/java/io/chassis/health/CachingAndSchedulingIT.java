package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.core.Chassis;
import io.chassis.core.health.HealthResult;
import io.chassis.testing.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingAndSchedulingIT {

    final TestClock clock = new TestClock();

    @Test
    void aCountingCheckIsNotRunAgainWithinTheCacheTtl() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Chassis app = HealthApps.builder()
                .clock(clock)
                .configOverride("chassis.health.cache-ttl", "10s")
                .healthCheck("db", () -> {
                    runs.incrementAndGet();
                    return HealthResult.up();
                })
                .start()) {
            for (int i = 0; i < 20; i++) {
                HealthApps.admin(app, i % 2 == 0 ? "/health/ready" : "/health");
            }
            int withinTtl = runs.get();
            clock.advance(Duration.ofSeconds(10));
            HealthApps.admin(app, "/health/ready");

            assertThat(withinTtl).isEqualTo(1);
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void readinessTurnsDownAfterTwoFailuresAndUpAfterTwoSuccesses() throws Exception {
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.up());
        try (Chassis app = HealthApps.builder()
                .clock(clock)
                .configOverride("chassis.health.failure-threshold", 2)
                .configOverride("chassis.health.success-threshold", 2)
                .healthCheck("payments", next::get)
                .start()) {
            int[] codes = new int[5];
            codes[0] = probe(app);
            next.set(HealthResult.down("503 from payments"));
            codes[1] = probe(app);
            codes[2] = probe(app);
            next.set(HealthResult.up());
            codes[3] = probe(app);
            codes[4] = probe(app);

            assertThat(codes).containsExactly(200, 200, 503, 503, 200);
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

    private int probe(Chassis app) throws Exception {
        clock.advance(Duration.ofSeconds(1)); // past the default cache-ttl of 1s
        return HealthApps.admin(app, "/health/ready").statusCode();
    }
}
