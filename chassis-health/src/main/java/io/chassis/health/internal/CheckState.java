package io.chassis.health.internal;

import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check at run time: its cached result, its thresholds and its run in progress. At most one run
 * per check is in progress; probes arriving meanwhile wait for that run instead of starting another,
 * and a run that hangs past its timeout is never started twice.
 */
final class CheckState {

    private static final Logger LOG = LoggerFactory.getLogger(CheckState.class);

    private record Cached(HealthResult result, Instant at) {}

    final HealthContribution contribution;
    private final Duration timeout;
    private final Thresholds thresholds;
    private final Clock clock;
    private final CheckObserver observer;
    private Cached last;
    private CheckRun running;
    private CompletableFuture<HealthResult> pending;

    CheckState(HealthContribution contribution, HealthSettings settings, Clock clock, CheckObserver observer) {
        this.contribution = contribution;
        this.timeout = contribution.timeout().orElse(settings.timeout());
        this.thresholds = new Thresholds(settings.failureThreshold(), settings.successThreshold());
        this.clock = clock;
        this.observer = observer;
    }

    /**
     * @param maxAge how old a cached result may be to be used
     * @param executor runs the check when a new run is needed
     * @return the reported result; completes within the check's timeout
     */
    synchronized CompletableFuture<HealthResult> result(Duration maxAge, Executor executor) {
        if (last != null && Duration.between(last.at, clock.instant()).compareTo(maxAge) < 0) {
            return CompletableFuture.completedFuture(last.result);
        }
        if (running != null && !pending.isDone()) {
            return pending; // join the run in progress
        }
        if (running != null && running.abandoned()) {
            return CompletableFuture.completedFuture(record(Failures.timedOut(timeout)
                    .withDetail("stuck", "an earlier run has not returned; no new run was started")));
        }
        CheckRun run = new CheckRun(contribution.check(), this::finished);
        running = run;
        pending = run.result
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .handle((r, e) -> record(e == null ? r : timedOutOrFailed(run, e)));
        try {
            executor.execute(run);
        } catch (RejectedExecutionException e) {
            run.result.complete(HealthResult.down("health checks are stopped"));
            running = null;
        }
        return pending;
    }

    /** @return the status reported last, or null before the first result */
    synchronized HealthStatus lastStatus() {
        return last == null ? null : last.result.status();
    }

    private HealthResult timedOutOrFailed(CheckRun run, Throwable e) {
        if (e instanceof TimeoutException) {
            run.abandon();
            return Failures.timedOut(timeout);
        }
        return Failures.result(e);
    }

    private synchronized void finished(CheckRun run) {
        if (run.nanos() >= 0) {
            observer.ran(contribution.name(), run.nanos());
        }
        if (running == run) {
            running = null;
        }
    }

    private synchronized HealthResult record(HealthResult raw) {
        HealthResult reported = thresholds.apply(raw);
        HealthStatus before = lastStatus();
        last = new Cached(reported, clock.instant());
        if (reported.status() != before && (before != null || reported.status() != HealthStatus.UP)) {
            logChange(before, reported);
        }
        observer.reported(contribution.name(), reported.status());
        return reported;
    }

    private void logChange(HealthStatus before, HealthResult now) {
        var event = now.status() == HealthStatus.DOWN ? LOG.atWarn() : LOG.atInfo();
        event.addKeyValue("check", contribution.name())
                .addKeyValue("status", now.status())
                .addKeyValue("previous_status", before == null ? "UNKNOWN" : before)
                .log(
                        "Health check '{}' is {} (was {}){}",
                        contribution.name(),
                        now.status(),
                        before == null ? "UNKNOWN" : before,
                        now.message().isEmpty() ? "" : ": " + now.message());
    }
}
