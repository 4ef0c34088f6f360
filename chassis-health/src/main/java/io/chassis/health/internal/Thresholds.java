package io.chassis.health.internal;

import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;

/**
 * Debounces one check's results: a check that reports UP turns DOWN only after {@code failures}
 * consecutive DOWN results, and a DOWN check turns UP (or DEGRADED) only after {@code successes}
 * consecutive good ones. The first result is taken as it is: there is nothing to debounce yet. Not
 * thread-safe; {@link CheckState} guards it.
 */
final class Thresholds {

    private final int failures;
    private final int successes;
    private HealthStatus reported;
    private int failuresInARow;
    private int successesInARow;

    Thresholds(int failures, int successes) {
        this.failures = failures;
        this.successes = successes;
    }

    /**
     * @param raw what the check just returned
     * @return the result to report: {@code raw}, or {@code raw}'s message and details under the
     *     status that still holds, with the count so far
     */
    HealthResult apply(HealthResult raw) {
        boolean failed = raw.status() == HealthStatus.DOWN;
        failuresInARow = failed ? failuresInARow + 1 : 0;
        successesInARow = failed ? 0 : successesInARow + 1;
        if (reported == null
                || (failed && failuresInARow >= failures)
                || (!failed && (reported != HealthStatus.DOWN || successesInARow >= successes))) {
            reported = raw.status();
            return raw;
        }
        return failed
                ? held(raw, "consecutiveFailures", failuresInARow, failures)
                : held(raw, "consecutiveSuccesses", successesInARow, successes);
    }

    private HealthResult held(HealthResult raw, String counter, int count, int threshold) {
        String why = count + " of " + threshold + (raw.status() == HealthStatus.DOWN ? " failures" : " successes")
                + " needed to change from " + reported;
        String message = raw.message().isEmpty() ? why : raw.message() + " (" + why + ")";
        return new HealthResult(reported, message, raw.details()).withDetail(counter, count);
    }
}
