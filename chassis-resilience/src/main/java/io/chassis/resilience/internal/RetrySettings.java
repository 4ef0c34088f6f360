package io.chassis.resilience.internal;

import static io.chassis.resilience.internal.Rules.positive;
import static io.chassis.resilience.internal.Rules.require;

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
        require(maxAttempts >= 1, "max-attempts", "at least 1 (the first attempt counts)", maxAttempts, "Use e.g. 3.");
        require(positive(waitDuration), "wait-duration", "positive", waitDuration, "Use e.g. 200ms.");
        require(multiplier >= 1, "multiplier", "at least 1", multiplier, "Use e.g. 2.0.");
        require(
                randomizationFactor >= 0 && randomizationFactor < 1,
                "randomization-factor",
                "at least 0 and below 1",
                randomizationFactor,
                "Use e.g. 0.5.");
        require(
                maxWaitDuration.compareTo(waitDuration) >= 0,
                "max-wait-duration",
                "at least wait-duration (" + waitDuration + ")",
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
