package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownIT {

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    @Test
    void inFlightRequestsCompleteWhileNewConnectionsAreRefused() throws Exception {
        CountDownLatch entered = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        try (TestService service = TestService.start(
                service().configOverride("chassis.shutdown.grace-period", "20s").configure(app -> app.http()
                        .get("/slow", ctx -> {
                            entered.countDown();
                            release.await(20, TimeUnit.SECONDS);
                            return "done";
                        })))) {
            Chassis app = service.app();
            int port = app.httpPort();
            List<CompletableFuture<TestResponse>> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(service.http().get("/slow").sendAsync());
            }
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
            await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.refused(port));
            release.countDown();

            for (CompletableFuture<TestResponse> request : inFlight) {
                request.get(10, TimeUnit.SECONDS).expectStatus(200);
                assertThat(request.get().body()).isEqualTo("\"done\"");
            }
            stopping.get(10, TimeUnit.SECONDS);
            assertThat(app.readiness().isReady()).isFalse();
        }
    }

    @Test
    void readinessTurnsDownAtOnceWhileTheServerKeepsServingDuringTheDrain() throws Exception {
        // started here: TestService.start would set the drain delay to 0s
        try (TestService service = TestService.of(TestService.onLoopback(service())
                .configOverride("chassis.shutdown.drain-delay", "3s")
                .configure(app -> app.http().get("/ok", ctx -> "ok"))
                .start())) {
            Chassis app = service.app();
            assertThat(app.readiness().isReady()).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
            await().atMost(Duration.ofSeconds(5)).until(() -> !app.readiness().isReady());
            TestResponse duringDrain = service.http().get("/ok").send();

            duringDrain.expectStatus(200);
            stopping.get(20, TimeUnit.SECONDS);
            assertThat(RawHttp.refused(app.httpPort())).isTrue();
        }
    }

    @Test
    void requestOnAKeptAliveConnectionAfterShutdownBeganGetsA503Problem() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestService service = TestService.start(service()
                .configOverride("chassis.shutdown.grace-period", "20s")
                // the client below sends its second request later than the default 100ms of quiet
                .configOverride("chassis.shutdown.close-idle-after", "20s")
                .configure(app -> app.http().get("/ok", ctx -> "ok").get("/slow", ctx -> {
                    entered.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    return "done";
                })))) {
            Chassis app = service.app();
            int port = app.httpPort();
            CompletableFuture<TestResponse> slow = service.http().get("/slow").sendAsync();
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            try (Socket keptAlive = new Socket("127.0.0.1", port)) {
                keptAlive.setSoTimeout(10_000);
                assertThat(exchange(keptAlive)).startsWith("HTTP/1.1 200");

                CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
                await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.refused(port));
                String refusedAnswer = exchange(keptAlive);

                assertThat(refusedAnswer)
                        .startsWith("HTTP/1.1 503")
                        .containsIgnoringCase("Content-Type: application/problem+json")
                        .containsIgnoringCase("Connection: close")
                        .contains("\"status\":503");
                release.countDown();
                slow.get(10, TimeUnit.SECONDS).expectStatus(200);
                stopping.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aResponseFinishedAfterTheListenerClosedSaysConnectionCloseAndEndsItsConnection() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestService service = TestService.start(
                service().configOverride("chassis.shutdown.grace-period", "20s").configure(app -> app.http()
                        .get("/slow", ctx -> {
                            entered.countDown();
                            release.await(20, TimeUnit.SECONDS);
                            return "done";
                        })))) {
            Chassis app = service.app();
            int port = app.httpPort();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write("GET /slow HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

                CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
                await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.refused(port));
                release.countDown();
                String answer = readResponse(socket.getInputStream());

                assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("Connection: close");
                assertThat(answer).doesNotContainIgnoringCase("keep-alive").endsWith("\"done\"");
                assertThat(socket.getInputStream().read())
                        .as("the server closes the connection after the response")
                        .isEqualTo(-1);
                stopping.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aRequestHalfReceivedWhenTheListenerClosesIsAnswered503AndItsConnectionClosed() throws Exception {
        try (TestService service = TestService.start(
                service().configOverride("chassis.shutdown.grace-period", "20s").configure(app -> app.http()
                        .get("/ok", ctx -> "ok")))) {
            Chassis app = service.app();
            int port = app.httpPort();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /ok HTTP/1.1\r\nHost: te".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Connected is not accepted: a connection still in the kernel's backlog when the port
                // closes is refused (reset), not drained.
                await().atMost(Duration.ofSeconds(10)).until(() -> appConnections(service) == 1);

                CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
                await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.refused(port));
                assertThat(stopping)
                        .as("stop waits for the request that is half received")
                        .isNotDone();
                out.write("st\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = readResponse(socket.getInputStream());

                assertThat(answer)
                        .startsWith("HTTP/1.1 503")
                        .containsIgnoringCase("Connection: close")
                        .contains("\"status\":503");
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
                stopping.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedBetweenRequestsAndStopFinishes() throws Exception {
        try (TestService service = TestService.start(
                service().configOverride("chassis.shutdown.grace-period", "20s").configure(app -> app.http()
                        .get("/ok", ctx -> "ok")))) {
            Chassis app = service.app();
            try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
                socket.setSoTimeout(10_000);
                assertThat(exchange(socket)).startsWith("HTTP/1.1 200");

                app.stop();

                assertThat(socket.getInputStream().read())
                        .as("closed without a byte: no request was outstanding")
                        .isEqualTo(-1);
            }
        }
    }

    /** Sends GET /ok on the socket and reads one response (headers and a Content-Length body). */
    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /ok HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return readResponse(socket.getInputStream());
    }

    /** Reads one response (headers and a Content-Length body). */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void stopIsIdempotentAndSafeBeforeStart() {
        Chassis neverStarted = TestService.onLoopback(service()).build();
        Chassis app = TestService.start(service()).app();

        neverStarted.stop();
        app.stop();
        app.stop();

        assertThat(app.readiness().isReady()).isFalse();
        assertThat(app.readiness().isStarted()).isTrue();
        assertThat(neverStarted.readiness().isStarted()).isFalse();
    }

    /** @return {@code http_server_connections{listener="app"}} on the admin port's /metrics */
    static double appConnections(TestService service) {
        return service.admin()
                .get("/metrics")
                .send()
                .body()
                .lines()
                .filter(line -> line.startsWith("http_server_connections{") && line.contains("listener=\"app\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no http_server_connections{listener=\"app\"} on /metrics"));
    }
}
