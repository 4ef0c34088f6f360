package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.testing.ChassisExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests Undertow's parser rejects before any handler runs still get a problem document. */
class UnparseableRequestIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern COUNTER = Pattern.compile("(?m)^http_server_requests_unparseable_total\\{[^}]*} (\\S+)$");

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(() -> Chassis.builder()
            .name("test-service")
            .discoverModules(false)
            .http(h -> h.set("max-header-size", "1KiB"))
            .configure(a -> a.http().get("/ok", ctx -> "ok")));

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "space in a header name",
                "control character in the target",
                "headers over the limit",
                "no HTTP version"
            })
    void isAnswered400ProblemWithRequestIdAndTheConnectionClosed(String kind) throws Exception {
        double before = unparseableCount();

        RawHttp.Response response = RawHttp.exchange(app.http().port(), request(kind));

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response.headers())
                .containsEntry("content-type", "application/problem+json")
                .containsEntry("connection", "close")
                .containsEntry(
                        "content-length", Integer.toString(response.body().length()));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.get("detail").asText()).contains("chassis.http.max-header-size");
        assertThat(problem.get("requestId").asText())
                .matches("[0-9a-f]{32}")
                .isEqualTo(response.headers().get("x-request-id"));
        // readAllBytes returned: the server closed the connection after the answer
        assertThat(unparseableCount()).isEqualTo(before + 1);
        app.http().get("/ok").send().expectStatus(200);
    }

    private static String request(String kind) {
        return switch (kind) {
            case "space in a header name" -> "GET /ok HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n";
            case "control character in the target" -> "GET /o\u0001k HTTP/1.1\r\nHost: localhost\r\n\r\n";
            case "headers over the limit" ->
                "GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(4096) + "\r\n\r\n";
            case "no HTTP version" -> "GET /ok\r\nHost: localhost\r\n\r\n";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static double unparseableCount() {
        String scrape = app.admin().get("/metrics").send().expectStatus(200).body();
        Matcher matcher = COUNTER.matcher(scrape);
        assertThat(matcher.find())
                .as("http_server_requests_unparseable_total in\n%s", scrape)
                .isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
