package io.chassis.resilience.internal;

import static io.chassis.config.ConfigRules.check;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/** One rate limiter's settings: {@code limit-for-period} calls per {@code limit-refresh-period}. */
record RateLimiterSettings(int limitForPeriod, Duration limitRefreshPeriod, Duration timeoutDuration) {

    RateLimiterSettings {
        check(limitForPeriod >= 1, "limit-for-period", "be at least 1", limitForPeriod, "Use e.g. 100.");
        check(
                limitRefreshPeriod.compareTo(Duration.ZERO) > 0,
                "limit-refresh-period",
                "be positive",
                limitRefreshPeriod,
                "Use e.g. 1s.");
        check(
                !timeoutDuration.isNegative(),
                "timeout-duration",
                "be zero or positive",
                timeoutDuration,
                "Use 0s to reject at once.");
    }

    RateLimiterConfig toConfig() {
        return RateLimiterConfig.custom()
                .limitForPeriod(limitForPeriod)
                .limitRefreshPeriod(limitRefreshPeriod)
                .timeoutDuration(timeoutDuration)
                .build();
    }

    /** @return whole seconds until the next refresh at most, at least 1: the Retry-After of a 429 */
    long retryAfterSeconds() {
        return Math.max(1, (limitRefreshPeriod.toMillis() + 999) / 1000);
    }
}
