package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.testing.TestService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Stopping a service while keep-alive clients keep sending (issue #10): every request the clients
 * sent gets a complete response, 200 or 503 + {@code Connection: close}, and no connection is closed
 * with a request outstanding. {@link KeepAliveLoad} counts; one scenario stops the service in this
 * JVM, the other sends SIGTERM to a service process. {@code benchmarks/shutdown-soak.sh} runs the
 * same against the packaged example service for 50 rounds.
 */
class ShutdownUnderLoadIT {

    private static final int CONNECTIONS = 8;
    private static final Duration PAUSE = Duration.ofMillis(1);

    @RepeatedTest(value = 8, name = "round {currentRepetition} of {totalRepetitions}")
    void keepAliveClientsSendingThroughStopGetAnAnswerToEveryRequest() throws Exception {
        Chassis app = TestService.start(Chassis.builder()
                        .name("test-service")
                        .version("1")
                        .discoverModules(false)
                        .configOverride("chassis.shutdown.grace-period", "10s")
                        .configure(a -> a.http().get("/ok", ctx -> "ok")))
                .app();
        KeepAliveLoad load = KeepAliveLoad.start(app.httpPort(), "/ok", CONNECTIONS, PAUSE);
        await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= 50L * CONNECTIONS);

        load.stopping();
        app.stop();
        KeepAliveLoad.Result result = load.awaitEnd(Duration.ofSeconds(30));

        assertAnswered(result);
    }

    @Test
    void aServiceProcessStoppedBySigtermUnderLoadAnswersEveryRequestAndExitsWith143() throws Exception {
        for (int round = 1; round <= 2; round++) {
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            ShutdownChild.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader stdout =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                int port = awaitPort(stdout);
                CompletableFuture.runAsync(() -> stdout.lines().forEach(line -> {})); // keep the pipe drained
                KeepAliveLoad load = KeepAliveLoad.start(port, "/ok", CONNECTIONS, PAUSE);
                await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= 50L * CONNECTIONS);

                load.stopping();
                child.toHandle().destroy(); // SIGTERM
                assertThat(child.waitFor(60, TimeUnit.SECONDS))
                        .as("round %d: the service exits after SIGTERM", round)
                        .isTrue();
                KeepAliveLoad.Result result = load.awaitEnd(Duration.ofSeconds(30));

                assertAnswered(result);
                assertThat(child.exitValue())
                        .as("round %d: a graceful stop by SIGTERM exits with the JVM's 128 + 15", round)
                        .isEqualTo(143);
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static void assertAnswered(KeepAliveLoad.Result result) {
        assertThat(result.failures()).as("drops and protocol errors").isEmpty();
        assertThat(result.answered()).as("complete responses").isEqualTo(result.sent());
        assertThat(result.refused() + result.okClose())
                .as("connections ended by a response that said Connection: close, so the load overlapped the stop")
                .isPositive();
    }

    private static int awaitPort(BufferedReader stdout) throws Exception {
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            if (line.startsWith(ShutdownChild.PORT_LINE)) {
                return Integer.parseInt(
                        line.substring(ShutdownChild.PORT_LINE.length()).trim());
            }
        }
        throw new AssertionError("the child service exited before it served");
    }
}
