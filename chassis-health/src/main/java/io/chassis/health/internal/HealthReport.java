package io.chassis.health.internal;

import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import java.util.List;

/**
 * What one probe answers.
 *
 * @param status DOWN when a critical check is DOWN; DEGRADED when any check is not UP; else UP
 * @param checks each check's name, criticality and reported result, in registration order
 */
public record HealthReport(HealthStatus status, List<Entry> checks) {

    /**
     * @param name the check's name
     * @param critical whether its DOWN fails the report
     * @param result its reported result
     */
    public record Entry(String name, boolean critical, HealthResult result) {}

    /** @return a report with the status its checks add up to */
    static HealthReport of(List<Entry> checks) {
        HealthStatus status = HealthStatus.UP;
        for (Entry entry : checks) {
            HealthStatus own = entry.result.status();
            if (own == HealthStatus.DOWN && entry.critical) {
                status = HealthStatus.DOWN;
            } else if (own != HealthStatus.UP && status == HealthStatus.UP) {
                status = HealthStatus.DEGRADED;
            }
        }
        return new HealthReport(status, List.copyOf(checks));
    }
}
