package io.chassis.core;

import static io.chassis.core.TestApps.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownIT {

    @Test
    void inFlightRequestsCompleteWhileNewConnectionsAreRefused() throws Exception {
        CountDownLatch entered = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        Chassis app = TestApps.builder()
                .configOverride("chassis.shutdown.grace-period", "20s")
                .get("/slow", ctx -> {
                    entered.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    return "done";
                })
                .start();
        int port = app.httpPort();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inFlight.add(TestApps.CLIENT.sendAsync(
                    TestApps.request(uri(app, "/slow")).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
        release.countDown();

        for (CompletableFuture<HttpResponse<String>> request : inFlight) {
            HttpResponse<String> response = request.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("\"done\"");
        }
        stopping.get(10, TimeUnit.SECONDS);
        assertThat(app.health().readiness().isReady()).isFalse();
    }

    @Test
    void readinessTurnsDownAtOnceWhileTheServerKeepsServingDuringTheDrain() throws Exception {
        Chassis app = TestApps.builder()
                .configOverride("chassis.shutdown.drain-delay", "3s")
                .get("/ok", ctx -> "ok")
                .start();
        assertThat(app.health().readiness().isReady()).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
        await().atMost(Duration.ofSeconds(5)).until(() -> !app.health().readiness().isReady());
        HttpResponse<String> duringDrain = TestApps.get(uri(app, "/ok"));

        assertThat(duringDrain.statusCode()).isEqualTo(200);
        stopping.get(20, TimeUnit.SECONDS);
        assertThat(refused(app.httpPort())).isTrue();
    }

    @Test
    void requestOnAKeptAliveConnectionAfterShutdownBeganGetsA503Problem() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Chassis app = TestApps.builder()
                .configOverride("chassis.shutdown.grace-period", "20s")
                .get("/ok", ctx -> "ok")
                .get("/slow", ctx -> {
                    entered.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    return "done";
                })
                .start();
        int port = app.httpPort();
        CompletableFuture<HttpResponse<String>> slow = TestApps.CLIENT.sendAsync(
                TestApps.request(uri(app, "/slow")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        try (Socket keptAlive = new Socket("127.0.0.1", port)) {
            keptAlive.setSoTimeout(10_000);
            assertThat(exchange(keptAlive)).startsWith("HTTP/1.1 200");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
            await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
            String refusedAnswer = exchange(keptAlive);

            assertThat(refusedAnswer)
                    .startsWith("HTTP/1.1 503")
                    .containsIgnoringCase("Content-Type: application/problem+json")
                    .containsIgnoringCase("Connection: close")
                    .contains("\"status\":503");
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            stopping.get(10, TimeUnit.SECONDS);
        }
    }

    /** Sends GET /ok on the socket and reads one response (headers and a Content-Length body). */
    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /ok HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        java.io.InputStream in = socket.getInputStream();
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
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void stopIsIdempotentAndSafeBeforeStart() {
        Chassis neverStarted = TestApps.builder().build();
        Chassis app = TestApps.builder().start();

        neverStarted.stop();
        app.stop();
        app.stop();

        assertThat(app.health().readiness().isReady()).isFalse();
        assertThat(app.health().readiness().isStarted()).isTrue();
        assertThat(neverStarted.readiness().isStarted()).isFalse();
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
