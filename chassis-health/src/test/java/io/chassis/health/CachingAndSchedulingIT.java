package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.core.health.HealthResult;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingAndSchedulingIT {

    final TestClock clock = new TestClock();

    static ChassisBuilder service() {
        return Chassis.builder().name("health-test").version("1.0.0");
    }

    @Test
    void aCountingCheckIsNotRunAgainWithinTheCacheTtl() {
        AtomicInteger runs = new AtomicInteger();
        try (TestService service = TestService.start(service()
                .clock(clock)
                .configOverride("chassis.health.cache-ttl", "10s")
                .configure(app -> app.health().add("db", () -> {
                    runs.incrementAndGet();
                    return HealthResult.up();
                })))) {
            for (int i = 0; i < 20; i++) {
                service.admin().get(i % 2 == 0 ? "/health/ready" : "/health").send();
            }
            int withinTtl = runs.get();
            clock.advance(Duration.ofSeconds(10));
            service.admin().get("/health/ready").send();

            assertThat(withinTtl).isEqualTo(1);
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void readinessTurnsDownAfterTwoFailuresAndUpAfterTwoSuccesses() {
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.up());
        try (TestService service = TestService.start(service()
                .clock(clock)
                .configOverride("chassis.health.failure-threshold", 2)
                .configOverride("chassis.health.success-threshold", 2)
                .configure(app -> app.health().add("payments", next::get)))) {
            int[] codes = new int[5];
            codes[0] = probe(service);
            next.set(HealthResult.down("503 from payments"));
            codes[1] = probe(service);
            codes[2] = probe(service);
            next.set(HealthResult.up());
            codes[3] = probe(service);
            codes[4] = probe(service);

            assertThat(codes).containsExactly(200, 200, 503, 503, 200);
        }
    }

    @Test
    void checksRunInTheBackgroundWithoutAnyProbe() {
        AtomicInteger runs = new AtomicInteger();
        try (TestService service = TestService.start(service()
                .configOverride("chassis.health.background.enabled", true)
                .configOverride("chassis.health.background.interval", "50ms")
                .configure(app -> app.health().add("db", () -> {
                    runs.incrementAndGet();
                    return HealthResult.up();
                })))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);

            service.admin().get("/health/ready").send().expectStatus(200);
        }
    }

    private int probe(TestService service) {
        clock.advance(Duration.ofSeconds(1)); // past the default cache-ttl of 1s
        return service.admin().get("/health/ready").send().status();
    }
}
