package io.chassis.resilience.internal;

import static io.chassis.config.ConfigRules.check;

import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;

/** One time limiter's settings; a call running longer is cancelled (interrupted). */
record TimeLimiterSettings(Duration timeoutDuration) {

    TimeLimiterSettings {
        check(
                timeoutDuration.compareTo(Duration.ZERO) > 0,
                "timeout-duration",
                "be positive",
                timeoutDuration,
                "Use e.g. 2s.");
    }

    TimeLimiterConfig toConfig() {
        return TimeLimiterConfig.custom()
                .timeoutDuration(timeoutDuration)
                .cancelRunningFuture(true)
                .build();
    }
}
