package io.chassis.resilience.internal;

import static io.chassis.config.ConfigRules.check;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;

/** One bulkhead's settings: at most {@code max-concurrent-calls} at once. */
record BulkheadSettings(int maxConcurrentCalls, Duration maxWaitDuration) {

    BulkheadSettings {
        check(maxConcurrentCalls >= 1, "max-concurrent-calls", "be at least 1", maxConcurrentCalls, "Use e.g. 25.");
        check(
                !maxWaitDuration.isNegative(),
                "max-wait-duration",
                "be zero or positive",
                maxWaitDuration,
                "Use 0s to reject at once.");
    }

    BulkheadConfig toConfig() {
        return BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrentCalls)
                .maxWaitDuration(maxWaitDuration)
                .build();
    }
}
