package io.chassis.health.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs every check on a schedule when {@code chassis.health.background.enabled} is true. */
public final class BackgroundRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRuns.class);

    private final ScheduledExecutorService scheduler;

    private BackgroundRuns(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts runs now and then every {@code interval}.
     *
     * @param registry the checks
     * @param interval time between the start of one round and the next
     * @return the schedule, to close at shutdown
     */
    public static BackgroundRuns start(HealthRegistry registry, Duration interval) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chassis-health-scheduler");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(() -> refresh(registry), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return new BackgroundRuns(scheduler);
    }

    private static void refresh(HealthRegistry registry) {
        try {
            registry.refresh();
        } catch (RuntimeException e) { // an escaping exception would cancel every later round
            LOG.warn("Background health checks could not be started", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
