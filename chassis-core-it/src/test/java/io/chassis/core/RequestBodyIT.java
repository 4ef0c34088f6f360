package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.testing.ChassisExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Request bodies from outside: over the limit, too slow, after {@code Expect: 100-continue}. */
class RequestBodyIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_CONCURRENT = 8;
    static final AtomicInteger CREATED = new AtomicInteger();

    record Greeting(String name) {}

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(() -> Chassis.builder()
            .name("test-service")
            .discoverModules(false)
            .http(h -> h.set("max-body-size", "1KiB")
                    .set("max-concurrent-requests", MAX_CONCURRENT)
                    .set("request-body-timeout", "1s"))
            .configure(a -> a.http().get("/ok", ctx -> "ok").post("/greetings", ctx -> {
                CREATED.incrementAndGet();
                return ctx.status(201).body(Greeting.class);
            })));

    @Test
    void chunkedBodyOverTheLimitIs413ProblemClosedLoggedAndCountedAs413() throws Exception {
        int created = CREATED.get();
        Logger accessLog = (Logger) LoggerFactory.getLogger("chassis.access");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        accessLog.addAppender(logged);
        double ok =
                Scrape.value(app.admin(), "http_server_requests_seconds_count", "uri", "/greetings", "status", "200");
        double tooLarge =
                Scrape.value(app.admin(), "http_server_requests_seconds_count", "uri", "/greetings", "status", "413");
        String chunk = "400\r\n" + "a".repeat(0x400) + "\r\n";
        RawHttp.Response response;
        try {
            response = RawHttp.exchange(
                    app.http().port(),
                    "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + chunk.repeat(64) + "0\r\n\r\n");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Scrape.value(
                                    app.admin(),
                                    "http_server_requests_seconds_count",
                                    "uri",
                                    "/greetings",
                                    "status",
                                    "413")
                            == tooLarge + 1);
        } finally {
            accessLog.detachAppender(logged);
        }

        assertProblem(response, "413 Request Entity Too Large", 413);
        assertThat(response.headers()).containsEntry("connection", "close");
        assertThat(Scrape.value(
                        app.admin(), "http_server_requests_seconds_count", "uri", "/greetings", "status", "200"))
                .isEqualTo(ok);
        assertThat(logged.list.stream().map(RequestBodyIT::fields).toList())
                .as("access log lines")
                .anySatisfy(line ->
                        assertThat(line).containsEntry("path", "/greetings").containsEntry("status", 413))
                .noneSatisfy(line -> assertThat(line).containsEntry("status", 200));
        assertThat(CREATED).hasValue(created);
    }

    @Test
    void contentLengthOverTheLimitIs413ProblemWithConnectionClose() throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                app.http().port(),
                "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2048\r\n\r\n" + "a".repeat(2048));

        assertProblem(response, "413 Request Entity Too Large", 413);
        // readAllBytes returned: the server closed the connection, as the header said it would
        assertThat(response.headers()).containsEntry("connection", "close");
    }

    @Test
    void expect100ContinueIsAnsweredAndTheBodyThenRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.http().port())) {
            socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
            OutputStream out = socket.getOutputStream();
            out.write(("POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 12\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();

            assertThat(readHead(in)).isEqualTo("HTTP/1.1 100 Continue");

            out.write("{\"name\":\"x\"}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response response = RawHttp.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 201 Created");
            assertThat(response.body()).isEqualTo("{\"name\":\"x\"}");
        }
    }

    @Test
    void theJdkClientsExpectContinueUploadGoesThrough() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(app.http().uri("/greetings"))
                .expectContinue(true)
                .timeout(Duration.ofSeconds(15)) // upper bound for a hung call, not a timing claim
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"jdk\"}"))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"name\":\"jdk\"}");
    }

    @Test
    void expect100ContinueOverTheLimitIs413AtOnceWithoutTheBody() throws Exception {
        // The body is never sent: the answer must come without it.
        RawHttp.Response response = RawHttp.exchange(
                app.http().port(),
                "POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n");

        assertThat(response.statusLine()).doesNotContain("100");
        assertProblem(response, "413 Request Entity Too Large", 413);
        assertThat(response.headers()).containsEntry("connection", "close");
    }

    @Test
    void slowBodiesAreCutWith408AndNoLongerHoldTheConcurrencySlots() throws Exception {
        int created = CREATED.get();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONCURRENT + 2; i++) {
                Socket socket = new Socket("127.0.0.1", app.http().port());
                socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
                socket.getOutputStream()
                        .write(("POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: 12\r\n\r\n{")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }

            for (Socket socket : slow) {
                RawHttp.Response cut =
                        RawHttp.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
                assertThat(cut.statusLine()).isIn("HTTP/1.1 408 Request Time-out", "HTTP/1.1 503 Service Unavailable");
                assertThat(cut.headers()).containsEntry("content-type", "application/problem+json");
                assertThat(cut.headers()).containsEntry("connection", "close");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }

        app.http().get("/ok").send().expectStatus(200);
        assertThat(CREATED).hasValue(created);
    }

    @Test
    void theSlowOnesThatGotASlotAre408Problems() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.http().port())) {
            socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
            socket.getOutputStream()
                    .write(("POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            RawHttp.Response response =
                    RawHttp.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));

            assertProblem(response, "408 Request Time-out", 408);
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("request-body-timeout");
        }
    }

    private static void assertProblem(RawHttp.Response response, String status, int code) throws IOException {
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 " + status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(code);
        assertThat(problem.get("requestId").asText())
                .isEqualTo(response.headers().get("x-request-id"));
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new HashMap<>();
        event.getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
        return fields;
    }

    /** @return the status line of one header block, read up to its blank line */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.contains("\r\n") ? text.substring(0, text.indexOf("\r\n")) : text;
    }
}
