package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.testing.TestService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Settings are validated at startup, all problems at once; decorators protect any code. */
class ResilienceConfigIT {

    static ChassisBuilder service() {
        return Chassis.builder().name("caller").http(h -> h.set("access-log.enabled", false));
    }

    @Test
    void invalidSettingsAndUnknownInstancesAreAllReportedAtStartup() {
        var builder = service()
                .configOverride("chassis.resilience.circuit-breakers.payments.failure-rate-threshold", 150)
                .configOverride("chassis.resilience.retries.payments.max-attemps", 2)
                .configOverride("chassis.resilience.server.rate-limiter", "api")
                .configOverride("chassis.clients.payments.base-url", "http://127.0.0.1:1")
                .configOverride("chassis.clients.payments.resilience.circuit-breaker", "paymnets");

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> {
                    assertThat(e.problems())
                            .extracting(ConfigProblem::path)
                            .contains(
                                    "chassis.resilience.circuit-breakers.payments",
                                    "chassis.resilience.retries.payments.max-attemps")
                            .doesNotContain("chassis.clients.payments.resilience");
                    assertThat(e.getMessage())
                            .contains("must have failure-rate-threshold between 1 and 100 (percent), but was '150.0'")
                            .contains("Did you mean 'chassis.resilience.retries.payments.max-attempts'?");
                });
    }

    @Test
    void profilesMayOnlyNameConfiguredInstances() {
        var builder = service()
                .configOverride("chassis.resilience.circuit-breakers.payments.failure-rate-threshold", 25)
                .configOverride("chassis.clients.payments.base-url", "http://127.0.0.1:1")
                .configOverride("chassis.clients.payments.resilience.circuit-breaker", "paymnets");

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("chassis.clients.payments.resilience.circuit-breaker"));
    }

    @Test
    void serverProtectionMayOnlyNameConfiguredInstances() {
        var builder = service()
                .configOverride("chassis.resilience.rate-limiters.search.limit-for-period", 5)
                .configOverride("chassis.resilience.server.rate-limiter", "api");

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.resilience.server.rate-limiter must be none, default, {name} or an"
                        + " instance under chassis.resilience.rate-limiters (configured: search), but was 'api'");
    }

    @Test
    void decoratedCodeIsRetriedThenFailsFastAndFallsBack() {
        AtomicReference<Resilience> resilience = new AtomicReference<>();
        TestService service = TestService.start(service()
                .configOverride("chassis.resilience.profiles.inventory.circuit-breaker", "inventory")
                .configOverride("chassis.resilience.circuit-breakers.inventory.sliding-window-size", 4)
                .configOverride("chassis.resilience.circuit-breakers.inventory.minimum-number-of-calls", 4)
                .configOverride("chassis.resilience.retries.inventory.wait-duration", "1ms")
                .configOverride("chassis.resilience.retries.inventory.max-wait-duration", "1ms")
                .configure(app -> resilience.set(app.extension(Resilience.class))));
        try {
            AtomicInteger runs = new AtomicInteger();
            Supplier<String> stock = resilience
                    .get()
                    .decorate(
                            "inventory",
                            () -> {
                                runs.incrementAndGet();
                                throw new IllegalStateException("inventory down");
                            },
                            e -> "cached");

            String first = stock.get();
            String second = stock.get();
            String third = stock.get();

            assertThat(first).isEqualTo("cached");
            assertThat(second).isEqualTo("cached");
            assertThat(third).isEqualTo("cached");
            assertThat(runs.get()).isEqualTo(4); // 3 attempts, then 1 more opens the breaker of 4
        } finally {
            service.close();
        }
    }
}
