package io.chassis.health.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** DOWN while threads are deadlocked on monitors or on {@code java.util.concurrent} locks. */
public final class DeadlockCheck implements HealthCheck {

    @Override
    public HealthResult check() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = threads.findDeadlockedThreads();
        if (ids == null) {
            return HealthResult.up();
        }
        List<String> names = Arrays.stream(threads.getThreadInfo(ids))
                .filter(Objects::nonNull) // a thread may have ended meanwhile
                .map(DeadlockCheck::describe)
                .toList();
        return new HealthResult(HealthStatus.DOWN, ids.length + " threads are deadlocked", Map.of("threads", names));
    }

    private static String describe(ThreadInfo info) {
        return info.getThreadName() + " waiting for " + info.getLockName() + " held by " + info.getLockOwnerName();
    }
}
