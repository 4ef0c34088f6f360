package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.core.spi.CallGuard;
import io.chassis.testing.TestService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** chassis.resilience.server protects calls of other transports (gRPC methods) by operation. */
class CallGuardIT {

    private final ContextCapture capture = new ContextCapture();

    private ChassisBuilder service() {
        return Chassis.builder()
                .name("guarded")
                .module(capture)
                .configOverride("chassis.resilience.rate-limiter.rates.limit-for-period", 1)
                .configOverride("chassis.resilience.rate-limiter.rates.limit-refresh-period", "1h")
                .configOverride("chassis.resilience.bulkhead.currency.max-concurrent-calls", 1)
                .configOverride("chassis.resilience.server.retry-after", "3s");
    }

    @Test
    void aMethodEntryRateLimitsAndAServiceEntryLimitsConcurrency() {
        try (TestService ignored = TestService.start(service()
                .configOverride(
                        "chassis.resilience.server.operations",
                        java.util.List.of(
                                java.util.Map.of("operation", "currency.v1.Currency/GetRate", "rate-limiter", "rates"),
                                java.util.Map.of("operation", "currency.v1.Currency/*", "bulkhead", "currency"))))) {
            assertThat(capture.callGuards()).hasSize(1);
            CallGuard guard = capture.callGuards().get(0);

            guard.enter("grpc", "currency.v1.Currency/GetRate").close();
            assertThatThrownBy(() -> guard.enter("grpc", "currency.v1.Currency/GetRate"))
                    .isInstanceOfSatisfying(CallGuard.Rejected.class, e -> {
                        assertThat(e.reason()).isEqualTo(CallGuard.Rejected.Reason.RATE_LIMITED);
                        assertThat(e.retryAfter()).isPositive();
                        assertThat(e.getMessage()).contains("currency.v1.Currency/GetRate");
                    });

            CallGuard.Permit held = guard.enter("grpc", "currency.v1.Currency/Convert");
            assertThatThrownBy(() -> guard.enter("grpc", "currency.v1.Currency/ListCurrencies"))
                    .isInstanceOfSatisfying(CallGuard.Rejected.class, e -> {
                        assertThat(e.reason()).isEqualTo(CallGuard.Rejected.Reason.AT_CAPACITY);
                        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
                    });
            held.close();
            guard.enter("grpc", "currency.v1.Currency/ListCurrencies").close();

            // no entry and no global protection: let through
            guard.enter("grpc", "other.v1.Other/Call").close();
        }
    }

    @Test
    void aMalformedOperationOrAnUnknownInstanceIsAStartupProblem() {
        ChassisBuilder builder = service()
                .configOverride(
                        "chassis.resilience.server.operations",
                        java.util.List.of(
                                java.util.Map.of("operation", "/GetRate", "rate-limiter", "rates"),
                                java.util.Map.of("operation", "currency.v1.Currency/*", "bulkhead", "curency")));

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactlyInAnyOrder(
                                "chassis.resilience.server.operations[0].operation",
                                "chassis.resilience.server.operations[1].bulkhead"));
    }
}
