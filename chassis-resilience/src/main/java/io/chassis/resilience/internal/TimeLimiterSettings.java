package io.chassis.resilience.internal;

import static io.chassis.resilience.internal.Rules.positive;
import static io.chassis.resilience.internal.Rules.require;

import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;

/** One time limiter's settings; a call running longer is cancelled (interrupted). */
record TimeLimiterSettings(Duration timeoutDuration) {

    TimeLimiterSettings {
        require(positive(timeoutDuration), "timeout-duration", "positive", timeoutDuration, "Use e.g. 2s.");
    }

    TimeLimiterConfig toConfig() {
        return TimeLimiterConfig.custom()
                .timeoutDuration(timeoutDuration)
                .cancelRunningFuture(true)
                .build();
    }
}
