package io.chassis.resilience.internal;

import static io.chassis.config.ConfigRules.check;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One circuit breaker's settings ({@code chassis.resilience.defaults.circuit-breaker} or a named
 * instance over it).
 */
record CircuitBreakerSettings(
        float failureRateThreshold,
        float slowCallRateThreshold,
        Duration slowCallDurationThreshold,
        SlidingWindowType slidingWindowType,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        Duration waitDurationInOpenState,
        int permittedNumberOfCallsInHalfOpenState,
        Duration maxWaitDurationInHalfOpenState) {

    CircuitBreakerSettings {
        check(
                failureRateThreshold > 0 && failureRateThreshold <= 100,
                "failure-rate-threshold",
                "be between 1 and 100 (percent)",
                failureRateThreshold,
                "Use e.g. 50.");
        check(
                slowCallRateThreshold > 0 && slowCallRateThreshold <= 100,
                "slow-call-rate-threshold",
                "be between 1 and 100 (percent)",
                slowCallRateThreshold,
                "Use 100 to open only when every call is slow.");
        check(
                slowCallDurationThreshold.compareTo(Duration.ZERO) > 0,
                "slow-call-duration-threshold",
                "be positive",
                slowCallDurationThreshold,
                "Use e.g. 5s.");
        check(slidingWindowSize >= 1, "sliding-window-size", "be at least 1", slidingWindowSize, "Use e.g. 20.");
        check(
                minimumNumberOfCalls >= 1,
                "minimum-number-of-calls",
                "be at least 1",
                minimumNumberOfCalls,
                "Use e.g. 10.");
        check(
                waitDurationInOpenState.compareTo(Duration.ZERO) > 0,
                "wait-duration-in-open-state",
                "be positive",
                waitDurationInOpenState,
                "Use e.g. 30s.");
        check(
                permittedNumberOfCallsInHalfOpenState >= 1,
                "permitted-number-of-calls-in-half-open-state",
                "be at least 1",
                permittedNumberOfCallsInHalfOpenState,
                "Use e.g. 3.");
        check(
                !maxWaitDurationInHalfOpenState.isNegative(),
                "max-wait-duration-in-half-open-state",
                "be zero or positive",
                maxWaitDurationInHalfOpenState,
                "Use 0s to wait for every probe call.");
    }

    /**
     * @param clock drives the open-state wait and call durations, so tests need not sleep
     * @param failures which results and exceptions count as failures, which are ignored
     */
    CircuitBreakerConfig toConfig(Clock clock, Failures failures) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRateThreshold)
                .slowCallRateThreshold(slowCallRateThreshold)
                .slowCallDurationThreshold(slowCallDurationThreshold)
                .slidingWindow(slidingWindowSize, minimumNumberOfCalls, slidingWindowType)
                .waitDurationInOpenState(waitDurationInOpenState)
                .permittedNumberOfCallsInHalfOpenState(permittedNumberOfCallsInHalfOpenState)
                .maxWaitDurationInHalfOpenState(maxWaitDurationInHalfOpenState)
                .clock(clock)
                .currentTimestampFunction(CircuitBreakerSettings::nanos, TimeUnit.NANOSECONDS)
                .recordResult(failures::isFailedResult)
                .ignoreException(failures::isRejection)
                .recordException(failures::isBreakerFailure)
                .build();
    }

    private static Long nanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
