package io.chassis.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthKind;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import io.chassis.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    final TestClock clock = new TestClock();
    final TestSupport.Lifecycle lifecycle = new TestSupport.Lifecycle().running();
    HealthRegistry registry;

    HealthRegistry registry(HealthSettings settings, HealthContribution... checks) {
        registry = new HealthRegistry(List.of(checks), settings, clock, lifecycle, CheckObserver.NONE);
        return registry;
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aCountingCheckIsNotRunAgainWithinTheCacheTtl() {
        AtomicInteger runs = new AtomicInteger();
        registry(TestSupport.settings("chassis.health.cache-ttl", "10s"), HealthContribution.of("db", () -> {
            runs.incrementAndGet();
            return HealthResult.up();
        }));

        registry.report(Report.READY);
        clock.advance(Duration.ofSeconds(9));
        registry.report(Report.ALL);
        int withinTtl = runs.get();
        clock.advance(Duration.ofSeconds(1));
        registry.report(Report.READY);

        assertThat(withinTtl).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aHangingCheckIsCutByItsTimeoutAndInterruptedWhileTheOthersStillReport() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        HealthCheck hanging = () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return HealthResult.up();
        };
        registry(
                TestSupport.settings(),
                HealthContribution.builder("slow", hanging)
                        .timeout(Duration.ofMillis(300))
                        .build(),
                HealthContribution.of("fast", HealthResult::up));

        HealthReport report = registry.report(Report.READY);

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result(report, "slow").message()).isEqualTo("timed out after 300ms");
        assertThat(result(report, "fast").status()).isEqualTo(HealthStatus.UP);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCheckThatIgnoresInterruptionIsNotStartedAgainWhileItHangs() {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HealthCheck stubborn = () -> {
            runs.incrementAndGet();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // a badly behaved check
                }
            }
            return HealthResult.up();
        };
        registry(
                TestSupport.settings("chassis.health.cache-ttl", "0s"),
                HealthContribution.builder("stubborn", stubborn)
                        .timeout(Duration.ofMillis(200))
                        .build());
        try {
            HealthReport first = registry.report(Report.READY);
            HealthReport second = registry.report(Report.READY);

            assertThat(result(first, "stubborn").message()).isEqualTo("timed out after 200ms");
            assertThat(result(second, "stubborn").status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result(second, "stubborn").details()).containsKey("stuck");
            assertThat(runs.get()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCheckThatThrowsIsDownWithTheExceptionMessage() {
        registry(TestSupport.settings(), HealthContribution.of("db", () -> {
            throw new java.sql.SQLException("connection refused");
        }));

        HealthResult result = result(registry.report(Report.READY), "db");

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("connection refused");
        assertThat(result.details()).containsEntry("error", "java.sql.SQLException");
    }

    @Test
    void concurrentProbesWaitForTheRunInProgressInsteadOfStartingAnother() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // No cache: a probe that found no run in progress would start a run of its own, so one run
        // for two probes means the second joined the first's.
        registry(TestSupport.settings("chassis.health.cache-ttl", "0s"), HealthContribution.of("db", () -> {
            runs.incrementAndGet();
            entered.countDown();
            release.await();
            return HealthResult.up();
        }));

        CompletableFuture<HealthReport> first = probe("first-probe");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        CompletableFuture<HealthReport> second = probe("second-probe", secondThread);
        // the second probe arrived while the first run is in progress, and waits for a result
        await().atMost(Duration.ofSeconds(10)).until(() -> waitsInsideReport(secondThread.get()));
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.UP);
        assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.UP);
        assertThat(runs.get()).isEqualTo(1);
    }

    private CompletableFuture<HealthReport> probe(String name) {
        return probe(name, new AtomicReference<>());
    }

    /** A READY report on a thread of its own, so that the test can see where that thread waits. */
    private CompletableFuture<HealthReport> probe(String name, AtomicReference<Thread> thread) {
        CompletableFuture<HealthReport> report = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        report.complete(registry.report(Report.READY));
                    } catch (Throwable e) {
                        report.completeExceptionally(e);
                    }
                },
                name);
        t.setDaemon(true);
        thread.set(t);
        t.start();
        return report;
    }

    private static boolean waitsInsideReport(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(HealthRegistry.class.getName())
                    && frame.getMethodName().equals("report")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aFlappingCheckTurnsDownOnlyAtTheThirdConsecutiveFailure() {
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.up());
        registry(
                TestSupport.settings("chassis.health.failure-threshold", 3, "chassis.health.cache-ttl", "1s"),
                HealthContribution.of("payments", next::get));
        registry.report(Report.READY);
        next.set(HealthResult.down("503 from payments"));

        HealthStatus[] seen = new HealthStatus[3];
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            seen[i] = registry.report(Report.READY).status();
        }

        assertThat(seen).containsExactly(HealthStatus.UP, HealthStatus.UP, HealthStatus.DOWN);
    }

    @Test
    void aNonCriticalDownCheckShowsButOnlyDegradesTheReport() {
        registry(
                TestSupport.settings(),
                HealthContribution.of("db", HealthResult::up),
                HealthContribution.builder("cache", () -> HealthResult.down("no route to host"))
                        .critical(false)
                        .build());

        HealthReport report = registry.report(Report.READY);

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result(report, "cache").status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void readinessIsDownBeforeStartAndFromShutdownWhileLivenessStaysUp() {
        registry(
                TestSupport.settings(),
                HealthContribution.builder("deadlocks", HealthResult::up)
                        .kinds(HealthKind.LIVENESS)
                        .build());
        lifecycle.started = false;
        lifecycle.ready = false;
        HealthReport readyBeforeStart = registry.report(Report.READY);
        HealthReport startedBeforeStart = registry.report(Report.STARTED);
        HealthReport liveBeforeStart = registry.report(Report.LIVE);

        lifecycle.running();
        HealthReport readyRunning = registry.report(Report.READY);
        lifecycle.ready = false; // stop() began
        HealthReport readyStopping = registry.report(Report.READY);
        HealthReport startedStopping = registry.report(Report.STARTED);
        HealthReport liveStopping = registry.report(Report.LIVE);

        assertThat(readyBeforeStart.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result(readyBeforeStart, "ready").message()).isEqualTo("starting");
        assertThat(startedBeforeStart.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(liveBeforeStart.status()).isEqualTo(HealthStatus.UP);
        assertThat(readyRunning.status()).isEqualTo(HealthStatus.UP);
        assertThat(readyStopping.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result(readyStopping, "ready").message()).isEqualTo("shutting down");
        assertThat(startedStopping.status()).isEqualTo(HealthStatus.UP);
        assertThat(liveStopping.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void eachReportHasTheChecksOfItsKindAndTheAllReportHasEvery() {
        registry(
                TestSupport.settings(),
                HealthContribution.builder("deadlocks", HealthResult::up)
                        .kinds(HealthKind.LIVENESS)
                        .build(),
                HealthContribution.of("db", HealthResult::up),
                HealthContribution.builder("warmup", HealthResult::up)
                        .kinds(HealthKind.STARTUP, HealthKind.READINESS)
                        .build());

        assertThat(names(registry.report(Report.LIVE))).containsExactly("deadlocks");
        assertThat(names(registry.report(Report.READY))).containsExactly("ready", "db", "warmup");
        assertThat(names(registry.report(Report.STARTED))).containsExactly("started", "warmup");
        assertThat(names(registry.report(Report.ALL))).containsExactly("ready", "started", "deadlocks", "db", "warmup");
    }

    static HealthResult result(HealthReport report, String name) {
        return report.checks().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow()
                .result();
    }

    static List<String> names(HealthReport report) {
        return report.checks().stream().map(HealthReport.Entry::name).toList();
    }
}
