package io.chassis.resilience.internal;

import static io.chassis.config.ConfigRules.check;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/** One retry's settings: bounded attempts with exponential backoff and jitter. */
record RetrySettings(
        int maxAttempts,
        Duration waitDuration,
        double multiplier,
        double randomizationFactor,
        Duration maxWaitDuration) {

    RetrySettings {
        check(maxAttempts >= 1, "max-attempts", "be at least 1 (the first attempt counts)", maxAttempts, "Use e.g. 3.");
        check(
                waitDuration.compareTo(Duration.ZERO) > 0,
                "wait-duration",
                "be positive",
                waitDuration,
                "Use e.g. 200ms.");
        check(multiplier >= 1, "multiplier", "be at least 1", multiplier, "Use e.g. 2.0.");
        check(
                randomizationFactor >= 0 && randomizationFactor < 1,
                "randomization-factor",
                "be at least 0 and below 1",
                randomizationFactor,
                "Use e.g. 0.5.");
        check(
                maxWaitDuration.compareTo(waitDuration) >= 0,
                "max-wait-duration",
                "be at least wait-duration (" + waitDuration + ")",
                maxWaitDuration,
                "Use e.g. 5s.");
    }

    RetryConfig toConfig(Failures failures) {
        return RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        waitDuration, multiplier, randomizationFactor, maxWaitDuration))
                .retryOnResult(failures::isRetryableResult)
                .retryOnException(failures::isRetryable)
                .build();
    }
}
