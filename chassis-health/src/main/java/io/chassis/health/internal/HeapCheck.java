package io.chassis.health.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Map;

/** UP while the used share of the maximum heap is at most {@code maxUsed} (0 &lt; maxUsed &le; 1). */
public record HeapCheck(double maxUsed) implements HealthCheck {

    @Override
    public HealthResult check() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted(); // -1: no maximum set
        double used = (double) heap.getUsed() / max;
        Map<String, Object> details =
                Map.of("usedBytes", heap.getUsed(), "maxBytes", max, "used", round(used), "maxUsed", maxUsed);
        return used <= maxUsed
                ? HealthResult.up(details)
                : new HealthResult(
                        HealthStatus.DOWN,
                        String.format(Locale.ROOT, "heap %.1f%% used, above %.1f%%", used * 100, maxUsed * 100),
                        details);
    }

    private static double round(double share) {
        return Math.round(share * 1000) / 1000.0;
    }
}
