package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.testing.ChassisExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Message framing from outside (RFC 9112): transfer codings other than exactly chunked and obsolete
 * line folding are refused before any handler runs, and what was smuggled behind them never runs.
 */
class RequestFramingIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Calls of the POST /greetings handler: a smuggled request would show up here. */
    static final AtomicInteger HANDLED = new AtomicInteger();

    record Greeting(String name) {}

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(
            () -> Chassis.builder().name("test-service").discoverModules(false).configure(a -> a.http()
                    .get("/ok", ctx -> "ok")
                    .post("/greetings", ctx -> {
                        HANDLED.incrementAndGet();
                        return ctx.status(201).body(Greeting.class);
                    })));

    static final String SMUGGLED = "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 16\r\n\r\n{\"name\":\"evil\"}\n";

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"chunked, identity", "xchunked", "identity", "gzip, chunked", "chunked, chunked", "cow"})
    void aTransferEncodingOtherThanChunkedIs400AndWhatIsBehindItNeverRuns(String codings) throws Exception {
        String request = "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: " + codings + "\r\n\r\n0\r\n\r\n" + SMUGGLED;

        assertRefusedAndNothingRan(request, "Transfer-Encoding");
    }

    @Test
    void chunkedOnAnHttp10RequestIs400() throws Exception {
        String request = "POST /greetings HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Connection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED;

        assertRefusedAndNothingRan(request, "Transfer-Encoding");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"space", "tab", "before the first header"})
    void obsoleteLineFoldingIs400(String kind) throws Exception {
        String head =
                switch (kind) {
                    case "space" -> "GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Long: part one\r\n part two\r\n";
                    case "tab" ->
                        "GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Long: part one\r\n\tTransfer-Encoding: chunked\r\n";
                    case "before the first header" -> "GET /ok HTTP/1.1\r\n Host: localhost\r\n";
                    default -> throw new IllegalArgumentException(kind);
                };

        assertRefusedAndNothingRan(head + "\r\n" + SMUGGLED, "line folding");
    }

    @Test
    void chunkedBodiesStillWork() throws Exception {
        int before = HANDLED.get();
        RawHttp.Response response = RawHttp.exchange(
                app.http().port(),
                "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: Chunked\r\nConnection: close\r\n\r\nd\r\n{\"name\":\"ok\"}\r\n0\r\n\r\n");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 201 Created");
        assertThat(HANDLED.get()).isEqualTo(before + 1);
    }

    @Test
    void pipelinedRequestsWithBodiesThatLookFoldedAreAllServed() throws Exception {
        // A pretty-printed body has lines starting with spaces: only heads are checked, and every head is.
        String body = "{\r\n  \"name\":\r\n\t\"ann\"\r\n}";
        String post = "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        String chunked = "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                + "\r\n0\r\n\r\n";
        int before = HANDLED.get();

        String raw = RawHttp.exchangeRaw(
                app.http().port(),
                post + chunked + post + "GET /ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(raw.split("HTTP/1.1 201 Created", -1)).hasSize(4);
        assertThat(raw).contains("HTTP/1.1 200 OK").doesNotContain("400 Bad Request");
        assertThat(HANDLED.get()).isEqualTo(before + 3);
    }

    @Test
    void aFoldedHeaderInAPipelinedRequestIsRefusedThere() throws Exception {
        String post = "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 14\r\n\r\n{\"name\":\"ann\"}";
        int before = HANDLED.get();

        String raw = RawHttp.exchangeRaw(
                app.http().port(), post + "GET /ok HTTP/1.1\r\nHost: localhost\r\nX-A: a\r\n b\r\n\r\n" + post);

        assertThat(raw).startsWith("HTTP/1.1 201 Created");
        RawHttp.Response refused = RawHttp.parse(raw.substring(raw.indexOf("HTTP/1.1 400")));
        assertThat(refused.headers()).containsEntry("connection", "close");
        assertThat(refused.body()).contains("line folding");
        assertThat(HANDLED.get()).isEqualTo(before + 1);
    }

    @Test
    void aFoldedHeaderAfterARequestWithoutBodyIsRefusedToo() throws Exception {
        String raw = RawHttp.exchangeRaw(
                app.http().port(),
                "GET /ok HTTP/1.1\r\nHost: localhost\r\n\r\nGET /ok HTTP/1.1\r\nHost: localhost\r\nX-A: a\r\n\tb\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 200 OK");
        assertThat(raw.substring(raw.indexOf("HTTP/1.1 400"))).contains("line folding");
    }

    @Test
    void aFoldedHeaderOnAKeptAliveConnectionIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.http().port())) {
            socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
            OutputStream out = socket.getOutputStream();
            out.write("GET /ok HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = new String(in.readNBytes(RESPONSE_START.length()), StandardCharsets.US_ASCII);
            assertThat(first).isEqualTo(RESPONSE_START);
            readThrough(in, "\"ok\""); // the rest of the first response: its body ends the JSON string

            out.write(
                    "GET /ok HTTP/1.1\r\nHost: localhost\r\nX-A: a\r\n b\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response refused = RawHttp.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));

            assertThat(refused.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(refused.body()).contains("line folding");
        }
    }

    static final String RESPONSE_START = "HTTP/1.1 200 OK";

    private static void readThrough(InputStream in, String end) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(end) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before " + end);
            }
            seen.append((char) b);
        }
    }

    private static void assertRefusedAndNothingRan(String request, String detail) throws IOException {
        int handled = HANDLED.get();
        double unparseable = Scrape.value(app.admin(), "http_server_requests_unparseable_total");
        double timed = Scrape.value(app.admin(), "http_server_requests_seconds_count", "method", "POST");

        // reads until the server closes: nothing is answered after the 400
        RawHttp.Response response = RawHttp.exchange(app.http().port(), request);

        assertThat(response.statusLine()).matches("HTTP/1\\.[01] 400 Bad Request");
        assertThat(response.headers())
                .containsEntry("content-type", "application/problem+json")
                .containsEntry("connection", "close");
        assertThat(response.body()).doesNotContain("HTTP/1.1");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).containsIgnoringCase(detail);
        assertThat(problem.get("requestId").asText())
                .isEqualTo(response.headers().get("x-request-id"));
        assertThat(HANDLED.get()).as("handler calls").isEqualTo(handled);
        assertThat(Scrape.value(app.admin(), "http_server_requests_unparseable_total"))
                .isEqualTo(unparseable + 1);
        assertThat(Scrape.value(app.admin(), "http_server_requests_seconds_count", "method", "POST"))
                .as("refused requests are not timed as requests")
                .isEqualTo(timed);
        app.http().get("/ok").send().expectStatus(200);
    }
}
