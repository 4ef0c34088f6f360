package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.core.Chassis;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import io.chassis.testing.TestService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each built-in check, configured as a user would, against a real target. */
class BuiltInChecksIT {

    @TempDir
    Path temp;

    @Test
    void configuredChecksReportTheStateOfRealTargets() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TestService dependency =
                        TestService.start(Chassis.builder().name("dependency").configure(app -> app.http()
                                .get("/ok", ctx -> "ok")))) {
            int closedPort = closedPort();
            String base = "http://127.0.0.1:" + dependency.http().port();
            try (TestService service = TestService.start(Chassis.builder()
                    .name("health-test")
                    .version("1.0.0")
                    .configOverride("chassis.health.check-defaults.critical", false)
                    // eleven checks, some cold (H2, the first HTTP call), on four threads: not the 2 s default
                    .configOverride("chassis.health.timeout", "10s")
                    .configOverride("chassis.health.checks.tcp-up.type", "tcp")
                    .configOverride("chassis.health.checks.tcp-up.host", "127.0.0.1")
                    .configOverride("chassis.health.checks.tcp-up.port", listening.getLocalPort())
                    .configOverride("chassis.health.checks.tcp-down.type", "tcp")
                    .configOverride("chassis.health.checks.tcp-down.host", "127.0.0.1")
                    .configOverride("chassis.health.checks.tcp-down.port", closedPort)
                    .configOverride("chassis.health.checks.http-up.type", "http")
                    .configOverride("chassis.health.checks.http-up.url", base + "/ok")
                    .configOverride("chassis.health.checks.http-down.type", "http")
                    .configOverride("chassis.health.checks.http-down.url", base + "/missing")
                    .configOverride("chassis.health.checks.disk-up.type", "disk")
                    .configOverride("chassis.health.checks.disk-up.path", temp.toString())
                    .configOverride("chassis.health.checks.disk-up.min-free", "1B")
                    .configOverride("chassis.health.checks.disk-down.type", "disk")
                    .configOverride("chassis.health.checks.disk-down.path", temp.toString())
                    .configOverride("chassis.health.checks.disk-down.min-free", "1000000TiB")
                    .configOverride("chassis.health.checks.heap-up.type", "heap")
                    .configOverride("chassis.health.checks.heap-up.max-used", 1.0)
                    .configOverride("chassis.health.checks.heap-down.type", "heap")
                    .configOverride("chassis.health.checks.heap-down.max-used", 0.0001)
                    .configOverride("chassis.health.checks.deadlocks.type", "deadlock")
                    .configOverride("chassis.health.checks.jdbc-up.type", "jdbc")
                    .configOverride("chassis.health.checks.jdbc-up.url", "jdbc:h2:mem:configured")
                    .configOverride("chassis.health.checks.jdbc-down.type", "jdbc")
                    .configOverride(
                            "chassis.health.checks.jdbc-down.url",
                            "jdbc:h2:" + temp.resolve("absent") + ";IFEXISTS=TRUE"))) {
                JsonNode report = service.admin().get("/health").send().json();

                assertThat(status(report, "tcp-up")).isEqualTo("UP");
                assertThat(status(report, "tcp-down")).isEqualTo("DOWN");
                assertThat(message(report, "tcp-down")).startsWith("cannot connect to 127.0.0.1:" + closedPort);
                assertThat(status(report, "http-up")).isEqualTo("UP");
                assertThat(status(report, "http-down")).isEqualTo("DOWN");
                assertThat(message(report, "http-down")).isEqualTo("expected status 200, but got 404");
                assertThat(status(report, "disk-up")).isEqualTo("UP");
                assertThat(status(report, "disk-down")).isEqualTo("DOWN");
                assertThat(status(report, "heap-up")).isEqualTo("UP");
                assertThat(status(report, "heap-down")).isEqualTo("DOWN");
                assertThat(status(report, "deadlocks")).isEqualTo("UP");
                assertThat(status(report, "jdbc-up")).isEqualTo("UP");
                assertThat(check(report, "jdbc-up").at("/data/database").asText())
                        .isEqualTo("H2");
                assertThat(status(report, "jdbc-down")).isEqualTo("DOWN");
            }
        }
    }

    @Test
    void aDataSourceFromCodeIsUpWhileItsDatabaseAnswers() throws Exception {
        JdbcDataSource working = new JdbcDataSource();
        working.setURL("jdbc:h2:mem:from-code");
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:" + temp.resolve("missing") + ";IFEXISTS=TRUE");

        HealthResult up =
                HealthChecks.dataSource(working, Duration.ofSeconds(1)).check();
        HealthResult down =
                HealthChecks.dataSource(missing, Duration.ofSeconds(1)).check();

        assertThat(up.status()).isEqualTo(HealthStatus.UP);
        assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(down.message()).contains("not found");
    }

    @Test
    void deadlockedThreadsAreDown() throws Exception {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHeld = new CountDownLatch(2);
        Thread a = lockBoth("deadlock-a", first, second, bothHeld);
        Thread b = lockBoth("deadlock-b", second, first, bothHeld);
        try {
            assertThat(bothHeld.await(10, TimeUnit.SECONDS)).isTrue();
            HealthResult result = awaitDeadlock();

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.message()).isEqualTo("2 threads are deadlocked");
            assertThat(result.details().get("threads").toString()).contains("deadlock-a", "deadlock-b");
        } finally {
            a.interrupt(); // lockInterruptibly lets both give up
            b.interrupt();
            a.join(10_000);
            b.join(10_000);
        }
        assertThat(HealthChecks.deadlocks().check().status()).isEqualTo(HealthStatus.UP);
    }

    private static HealthResult awaitDeadlock() throws Exception {
        // the second lock attempt follows the latch by a moment; the JVM sees the cycle once both wait
        await().atMost(Duration.ofSeconds(10))
                .until(() -> HealthChecks.deadlocks().check().status() == HealthStatus.DOWN);
        return HealthChecks.deadlocks().check();
    }

    private static Thread lockBoth(String name, ReentrantLock one, ReentrantLock two, CountDownLatch bothHeld) {
        Thread t = new Thread(
                () -> {
                    try {
                        one.lockInterruptibly();
                        try {
                            bothHeld.countDown();
                            bothHeld.await();
                            two.lockInterruptibly();
                            two.unlock();
                        } finally {
                            one.unlock();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check named " + name + " in " + report);
    }

    private static String status(JsonNode report, String name) {
        return check(report, name).get("status").asText();
    }

    private static String message(JsonNode report, String name) {
        return check(report, name).at("/data/message").asText();
    }
}
