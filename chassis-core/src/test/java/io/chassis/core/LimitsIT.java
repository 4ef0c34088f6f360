package io.chassis.core;

import static io.chassis.core.TestApps.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LimitsIT {

    static final CountDownLatch ENTERED = new CountDownLatch(2);
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static Chassis app;

    @BeforeAll
    static void start() {
        app = TestApps.builder()
                .configOverride("chassis.http.max-header-size", "1KiB")
                .configOverride("chassis.http.request-parse-timeout", "300ms")
                .configOverride("chassis.http.max-concurrent-requests", 2)
                .configOverride("chassis.http.retry-after", "3s")
                .get("/ok", ctx -> "ok")
                .get("/slow", ctx -> {
                    ENTERED.countDown();
                    return RELEASE.await(20, TimeUnit.SECONDS);
                })
                .start();
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        app.stop();
    }

    @Test
    void headersOverTheLimitAreRejectedWith400Problem() throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                app.httpPort(), "GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(4096) + "\r\n\r\n");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(response.body()).contains("\"status\":400");
    }

    @Test
    void clientSendingHeadersTooSlowlyIsCutByTheParseTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
            socket.setSoTimeout(15_000); // generous upper bound, not a timing claim
            OutputStream out = socket.getOutputStream();
            out.write("GET /ok HTTP/1.1\r\nHost: localh".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            int read = readUntilClosed(socket.getInputStream());

            assertThat(read)
                    .as("server closed the connection without answering")
                    .isEqualTo(-1);
        }
    }

    @Test
    void requestsOverTheConcurrencyLimitGet503WithRetryAfter() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = List.of(slowRequest(), slowRequest());
        assertThat(ENTERED.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> rejected = TestApps.get(uri(app, "/ok"));
        RELEASE.countDown();

        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        for (CompletableFuture<HttpResponse<String>> request : slow) {
            assertThat(request.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(TestApps.get(uri(app, "/ok")).statusCode()).isEqualTo(200);
    }

    private static CompletableFuture<HttpResponse<String>> slowRequest() {
        return TestApps.CLIENT.sendAsync(
                TestApps.request(uri(app, "/slow")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return -1 once the server closed the connection (or reset it); any byte read means it answered */
    private static int readUntilClosed(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            return -1;
        }
    }
}
