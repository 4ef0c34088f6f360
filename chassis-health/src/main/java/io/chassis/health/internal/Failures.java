package io.chassis.health.internal;

import io.chassis.core.health.HealthResult;
import java.time.Duration;

/** How failures of checks are described in results. */
final class Failures {

    private Failures() {}

    /** @return DOWN with the exception's message (or its type when it has none) */
    static HealthResult result(Throwable t) {
        String message = t.getMessage() == null || t.getMessage().isBlank()
                ? t.getClass().getSimpleName()
                : t.getMessage();
        return HealthResult.down(message).withDetail("error", t.getClass().getName());
    }

    /** @return DOWN saying the check ran out of time */
    static HealthResult timedOut(Duration timeout) {
        return HealthResult.down("timed out after " + format(timeout));
    }

    /** @return {@code 2s}, {@code 1.5s} or {@code 250ms} */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }
}
