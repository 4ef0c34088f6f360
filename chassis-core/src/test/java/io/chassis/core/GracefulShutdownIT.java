package io.chassis.core;

import static io.chassis.core.TestApps.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
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
        assertThat(app.readiness().isReady()).isFalse();
    }

    @Test
    void readinessTurnsDownAtOnceWhileTheServerKeepsServingDuringTheDrain() throws Exception {
        Chassis app = TestApps.builder()
                .configOverride("chassis.shutdown.drain-delay", "3s")
                .get("/ok", ctx -> "ok")
                .start();
        assertThat(app.readiness().isReady()).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
        await().atMost(Duration.ofSeconds(5)).until(() -> !app.readiness().isReady());
        HttpResponse<String> duringDrain = TestApps.get(uri(app, "/ok"));

        assertThat(duringDrain.statusCode()).isEqualTo(200);
        stopping.get(20, TimeUnit.SECONDS);
        assertThat(refused(app.httpPort())).isTrue();
    }

    @Test
    void stopIsIdempotentAndSafeBeforeStart() {
        Chassis neverStarted = TestApps.builder().build();
        Chassis app = TestApps.builder().start();

        neverStarted.stop();
        app.stop();
        app.stop();

        assertThat(app.readiness().isReady()).isFalse();
        assertThat(app.readiness().isStarted()).isTrue();
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
