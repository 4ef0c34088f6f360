package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.testing.TestCertificates;
import io.chassis.testing.TestService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 on the application port: cleartext with prior knowledge (h2c) when switched on, by ALPN on
 * TLS, and how stopping the listener ends HTTP/2 connections (GOAWAY once their streams are answered).
 * Peers: a frame-level client ({@link RawHttp2}) where frames matter, nghttp2's h2load as a real one.
 */
class Http2IT {

    @TempDir
    Path dir;

    static ChassisBuilder service() {
        return Chassis.builder().name("h2-service").discoverModules(false).configure(app -> app.http()
                .get("/hello", ctx -> Map.of("message", "hi")));
    }

    static ChassisBuilder h2c(ChassisBuilder builder) {
        return builder.configOverride("chassis.http.http2.h2c", true);
    }

    @Test
    void withH2cPriorKnowledgeHttp2AndHttp1AreServedOnOnePort() throws Exception {
        try (TestService service = TestService.start(h2c(service()))) {
            int port = service.app().httpPort();

            try (RawHttp2 h2 = RawHttp2.connect(port)) {
                h2.get(1, "/hello");
                h2.get(3, "/hello?again");
                assertThat(h2.awaitStream(1).body()).contains("\"message\":\"hi\"");
                assertThat(h2.awaitStream(3).body()).contains("\"message\":\"hi\"");
                assertThat(GracefulShutdownIT.appConnections(service))
                        .as("an HTTP/2 connection is counted")
                        .isEqualTo(1);
            }

            HttpResponse<String> h1 = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(h1.statusCode()).isEqualTo(200);
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);

            String load = h2load("-n", "200", "-c", "4", "-m", "8", "http://127.0.0.1:" + port + "/hello");
            assertThat(load).contains("Application protocol: h2c").contains("200 succeeded, 0 failed");
        }
    }

    @Test
    void aPrefaceArrivingByteByByteIsStillHttp2AndAnHttp1RequestStartingLikeItIsStillHttp1() throws Exception {
        try (TestService service = TestService.start(h2c(service()))) {
            int port = service.app().httpPort();

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                for (byte b : RawHttp2.PREFACE) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(2);
                }
                out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // SETTINGS
                out.flush();
                byte[] head = socket.getInputStream().readNBytes(9);
                assertThat(head[3]).as("the server's first frame is SETTINGS").isEqualTo((byte) 0x4);
            }

            // "PRI" is where the preface and this request line part: decided on the fourth byte.
            String response = rawHttp1(port, "PRIX /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 405");
            assertThat(rawHttp1(port, "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200")
                    .contains("\"message\":\"hi\"");
            // An HTTP/1.1 request whose first bytes come alone: the port waits for the byte that decides.
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("PR".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(50);
                out.write("IX /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                        .startsWith("HTTP/1.1 405");
            }
        }
    }

    @Test
    void onAnH2cPortTheHttp1LayerSeesTheFirstBytesToo() throws Exception {
        try (TestService service = TestService.start(h2c(service()))) {
            int port = service.app().httpPort();

            // Obsolete line folding is refused by the head guard; here the folded line is in the first read.
            String folded = rawHttp1(port, "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  2\r\n\r\n");
            assertThat(folded).startsWith("HTTP/1.1 400").contains("obsolete line folding");

            // A connection that has sent nothing yet is counted (and so waited for by a stop).
            try (Socket idle = new Socket("127.0.0.1", port)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> GracefulShutdownIT.appConnections(service) == 1);
            }
        }
    }

    @Test
    void onAnH2cPortAStopWaitsForAFirstRequestHalfReceivedAndAnswersIt503() throws Exception {
        try (TestService service =
                TestService.start(h2c(service()).configOverride("chassis.shutdown.grace-period", "20s"))) {
            Chassis app = service.app();
            int port = app.httpPort();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /hello HTTP/1.1\r\nHost: te".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> GracefulShutdownIT.appConnections(service) == 1);

                java.util.concurrent.CompletableFuture<Void> stopping =
                        java.util.concurrent.CompletableFuture.runAsync(app::stop);
                await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
                Thread.sleep(300); // longer than close-idle-after (100ms): the connection is not taken for idle
                assertThat(stopping)
                        .as("stop waits for the request that is half received")
                        .isNotDone();
                out.write("st\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("Connection: close");
                stopping.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withoutH2cThePrefaceIsAnsweredWithA400Problem() throws Exception {
        try (TestService service = TestService.start(service())) {
            String response =
                    rawHttp1(service.app().httpPort(), new String(RawHttp2.PREFACE, StandardCharsets.US_ASCII));

            assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json");
        }
    }

    @Test
    void aConnectionThatNeverFinishesThePrefaceIsClosedAfterTheParseTimeout() throws Exception {
        try (TestService service =
                TestService.start(h2c(service()).configOverride("chassis.http.request-parse-timeout", "300ms"))) {
            try (Socket socket = new Socket("127.0.0.1", service.app().httpPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("PRI * HTTP/2".getBytes(StandardCharsets.US_ASCII));

                assertThat(socket.getInputStream().read())
                        .as("closed without an answer")
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void stoppingAnswersTheStreamsInProgressRefusesNewOnesThenSendsGoAway() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChassisBuilder builder = h2c(service()).configure(app -> app.http().get("/slow", ctx -> {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            return Map.of("slow", "done");
        }));
        TestService service = TestService.start(builder);
        int port = service.app().httpPort();
        Thread stopper = new Thread(service::close, "stopper");
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            h2.get(1, "/slow");
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            stopper.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
            // The listener stopped accepting; this connection stays open for stream 1, and new streams
            // on it are answered 503 (the drain starts right after the accept channel closed).
            List<String> answers = new ArrayList<>();
            int id = 3;
            String last;
            do {
                h2.get(id, "/hello");
                last = h2.awaitStream(id).body();
                answers.add(last);
                id += 2;
            } while (!last.contains("shutting down") && answers.size() < 200);
            assertThat(last).contains("\"status\":503").contains("shutting down");
            assertThat(h2.goAway).as("no GOAWAY while stream 1 runs").isNull();

            release.countDown();
            assertThat(h2.awaitStream(1).body()).contains("\"slow\":\"done\"");
            h2.readToEnd();

            assertThat(h2.goAway).isEqualTo(new RawHttp2.GoAway(id - 2, 0));
            assertThat(h2.closedByServer).isTrue();
        } finally {
            release.countDown();
            if (stopper.isAlive() || stopper.getState() == Thread.State.NEW) {
                if (stopper.getState() == Thread.State.NEW) {
                    service.close();
                }
                stopper.join(30_000);
            }
        }
    }

    @Test
    void http2OverTlsByAlpnWithARealClient() throws Exception {
        TestCertificates certs = TestCertificates.in(dir);
        TestCertificates.Pair pair = certs.server();
        try (TestService service = TestService.start(service()
                .configOverride("chassis.http.tls.enabled", true)
                .configOverride(
                        "chassis.http.tls.certificate", pair.certificate().toString())
                .configOverride("chassis.http.tls.key", pair.key().toString()))) {
            String load = h2load(
                    "-n",
                    "200",
                    "-c",
                    "4",
                    "-m",
                    "8",
                    "https://127.0.0.1:" + service.app().httpPort() + "/hello");

            assertThat(load).contains("Application protocol: h2").contains("200 succeeded, 0 failed");
        }
    }

    private static boolean refused(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String rawHttp1(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs nghttp2's h2load (installed by .ci/install-tools) and returns what it printed. */
    private static String h2load(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("h2load");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
