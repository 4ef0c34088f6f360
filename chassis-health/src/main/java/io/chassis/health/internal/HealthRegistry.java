package io.chassis.health.internal;

import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the checks of one service on a bounded pool and answers reports. The lifecycle entries
 * {@code ready} and {@code started} come from core's {@link Readiness} on every probe, never from
 * the cache, so readiness turns DOWN at the first moment of shutdown.
 */
public final class HealthRegistry implements AutoCloseable {

    /** Names of the lifecycle entries; no check may use them. */
    public static final List<String> RESERVED = List.of("ready", "started");

    private final List<CheckState> states = new ArrayList<>();
    private final Readiness readiness;
    private final Duration maxAge;
    private final ExecutorService executor;

    /**
     * @param checks the checks, in report order
     * @param settings timeouts, cache, thresholds, threads
     * @param clock the clock for caching and thresholds
     * @param readiness core's lifecycle flags
     * @param observer sees runs and reported statuses
     */
    public HealthRegistry(
            List<HealthContribution> checks,
            HealthSettings settings,
            Clock clock,
            Readiness readiness,
            CheckObserver observer) {
        checks.forEach(c -> states.add(new CheckState(c, settings, clock, observer)));
        this.readiness = readiness;
        this.maxAge = settings.background().enabled() ? ChronoUnit.FOREVER.getDuration() : settings.cacheTtl();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                settings.threads(), settings.threads(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads());
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    /**
     * Runs (or reuses cached results of) the checks of one report concurrently.
     *
     * @param report which checks
     * @return the report; returns within the longest timeout of its checks
     */
    public HealthReport report(Report report) {
        List<CheckState> included = new ArrayList<>();
        List<CompletableFuture<HealthResult>> results = new ArrayList<>();
        for (CheckState state : states) {
            if (report.includes(state.contribution.kinds())) {
                included.add(state);
                results.add(state.result(maxAge, executor));
            }
        }
        List<HealthReport.Entry> entries = new ArrayList<>();
        lifecycle(report, entries);
        for (int i = 0; i < included.size(); i++) {
            HealthContribution c = included.get(i).contribution;
            entries.add(new HealthReport.Entry(
                    c.name(), c.critical(), results.get(i).join()));
        }
        return HealthReport.of(entries);
    }

    /** Starts a new run of every check, ignoring cached results; does not wait for them. */
    public void refresh() {
        states.forEach(s -> s.result(Duration.ZERO, executor));
    }

    private void lifecycle(Report report, List<HealthReport.Entry> entries) {
        if (report == Report.ALL || report == Report.READY) {
            HealthResult ready = readiness.isReady()
                    ? HealthResult.up()
                    : HealthResult.down(readiness.isStarted() ? "shutting down" : "starting");
            entries.add(new HealthReport.Entry("ready", true, ready));
        }
        if (report == Report.ALL || report == Report.STARTED) {
            HealthResult started = readiness.isStarted() ? HealthResult.up() : HealthResult.down("starting");
            entries.add(new HealthReport.Entry("started", true, started));
        }
    }

    /** Stops the health threads; runs in progress are interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "chassis-health-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
