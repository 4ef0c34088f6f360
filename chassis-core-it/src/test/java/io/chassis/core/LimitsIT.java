package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LimitsIT {

    static final CountDownLatch ENTERED = new CountDownLatch(2);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    static ChassisBuilder service() {
        return Chassis.builder()
                .name("test-service")
                .version("1.2.3")
                .discoverModules(false)
                .http(h -> h.set("max-header-size", "1KiB")
                        .set("request-parse-timeout", "300ms")
                        .set("max-concurrent-requests", 2)
                        .set("retry-after", "3s"))
                .configure(app -> app.http().get("/ok", ctx -> "ok").get("/slow", ctx -> {
                    ENTERED.countDown();
                    return RELEASE.await(20, TimeUnit.SECONDS);
                }));
    }

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(LimitsIT::service);

    /** Runs before the extension stops the service, which would otherwise wait for the slow requests. */
    @AfterAll
    static void release() {
        RELEASE.countDown();
    }

    @Test
    void headersOverTheLimitAreRejectedWith400Problem() throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                app.http().port(), "GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(4096) + "\r\n\r\n");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(response.body()).contains("\"status\":400");
    }

    @Test
    void clientSendingHeadersTooSlowlyIsCutByTheParseTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.http().port())) {
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
        List<CompletableFuture<TestResponse>> slow = List.of(slowRequest(), slowRequest());
        assertThat(ENTERED.await(10, TimeUnit.SECONDS)).isTrue();

        TestResponse rejected = app.http().get("/ok").send();
        RELEASE.countDown();

        rejected.expectStatus(503)
                .expectHeader("Retry-After", "3")
                .expectHeader("Content-Type", "application/problem+json")
                .expectHeader("X-Content-Type-Options", "nosniff")
                .expectHeader("Cache-Control", "no-store");
        for (CompletableFuture<TestResponse> request : slow) {
            request.get(10, TimeUnit.SECONDS).expectStatus(200);
        }
        app.http().get("/ok").send().expectStatus(200);
    }

    private static CompletableFuture<TestResponse> slowRequest() {
        return app.http().get("/slow").sendAsync();
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
