package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.testing.TestService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
                .configOverride("chassis.resilience.circuit-breaker.payments.failure-rate-threshold", 150)
                .configOverride("chassis.resilience.retry.payments.max-attemps", 2)
                .configOverride("chassis.resilience.server.rate-limiter", "api")
                .configOverride("chassis.clients.payments.base-url", "http://127.0.0.1:1")
                .configOverride("chassis.clients.payments.resilience.circuit-breaker", "paymnets");

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> {
                    // one round: invalid values, unknown keys, and the references of the server section
                    // and of the client, although the section itself is invalid
                    assertThat(e.problems())
                            .extracting(ConfigProblem::path)
                            .containsExactlyInAnyOrder(
                                    "chassis.resilience.circuit-breaker.payments.failure-rate-threshold",
                                    "chassis.resilience.retry.payments.max-attemps",
                                    "chassis.resilience.server.rate-limiter",
                                    "chassis.clients.payments.resilience.circuit-breaker");
                    assertThat(e.getMessage())
                            .contains("chassis.resilience.circuit-breaker.payments.failure-rate-threshold must be"
                                    + " between 1 and 100 (percent), but was '150.0'")
                            .contains("Did you mean 'chassis.resilience.retry.payments.max-attempts'?")
                            .contains(
                                    "chassis.resilience.server.rate-limiter must be none, default, {name} or an"
                                            + " instance under chassis.resilience.rate-limiter (none configured), but was 'api'")
                            .contains("chassis.clients.payments.resilience.circuit-breaker must be none, default,"
                                    + " {name} or an instance under chassis.resilience.circuit-breaker (configured:"
                                    + " payments), but was 'paymnets'");
                });
    }

    @Test
    void thePluralSectionNamesOfEarlierVersionsAreUnknownKeys() {
        var builder = service().configOverride("chassis.resilience.circuit-breakers.payments.sliding-window-size", 5);

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("chassis.resilience.circuit-breakers"));
    }

    @Test
    void checkWarnsAboutInstancesNothingUses() {
        var builder = service()
                .configOverride("chassis.clients.payments.base-url", "http://127.0.0.1:1")
                .configOverride("chassis.resilience.circuit-breaker.payments.failure-rate-threshold", 25)
                .configOverride("chassis.resilience.circuit-breaker.paymnets.failure-rate-threshold", 25)
                .configOverride("chassis.resilience.retry.inventory.max-attempts", 2)
                .configOverride("chassis.resilience.bulkhead.reports.max-concurrent-calls", 2)
                .configure(app -> app.extension(Resilience.class).decorate("inventory", () -> "stock"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = builder.execute(
                new String[] {"check"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: caller");
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertThat(warnings)
                .containsPattern("Configuration has \\d+ warnings:") // the environment may add secret-variable warnings
                .contains("chassis.resilience.circuit-breaker.paymnets is configured, but no client, profile,"
                        + " decorate(..) call or server section uses it.")
                .contains("chassis.resilience.bulkhead.reports is configured")
                // used through the client's {name} default and through decorate("inventory", ..)
                .doesNotContain("circuit-breaker.payments ")
                .doesNotContain("retry.inventory");
    }

    @Test
    void profilesMayOnlyNameConfiguredInstances() {
        var builder = service()
                .configOverride("chassis.resilience.circuit-breaker.payments.failure-rate-threshold", 25)
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
                .configOverride("chassis.resilience.rate-limiter.search.limit-for-period", 5)
                .configOverride("chassis.resilience.server.rate-limiter", "api");

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.resilience.server.rate-limiter must be none, default, {name} or an"
                        + " instance under chassis.resilience.rate-limiter (configured: search), but was 'api'");
    }

    @Test
    void decoratedCodeIsRetriedThenFailsFastAndFallsBack() {
        AtomicReference<Resilience> resilience = new AtomicReference<>();
        TestService service = TestService.start(service()
                .configOverride("chassis.resilience.profiles.inventory.circuit-breaker", "inventory")
                .configOverride("chassis.resilience.circuit-breaker.inventory.sliding-window-size", 4)
                .configOverride("chassis.resilience.circuit-breaker.inventory.minimum-number-of-calls", 4)
                .configOverride("chassis.resilience.retry.inventory.wait-duration", "1ms")
                .configOverride("chassis.resilience.retry.inventory.max-wait-duration", "1ms")
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
