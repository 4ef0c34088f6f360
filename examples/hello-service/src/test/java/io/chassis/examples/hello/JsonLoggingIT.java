package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.testing.TestClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service in a child JVM: real requests, then SIGTERM; every stdout line is read back
 * as JSON. One run serves all tests, each asserting one property of that output.
 */
class JsonLoggingIT {

    /** Client input with CR/LF and what would look like a forged second log line. */
    static final String FORGED_NAME = "Eve\r\n{\"level\":\"ERROR\"}";

    static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @TempDir
    static Path workDir;

    static ChildService child;
    static String version;
    static List<JsonNode> lines = new ArrayList<>();

    @BeforeAll
    static void runTheServiceThenTerminateIt() throws Exception {
        child = ChildService.start(workDir, Map.of());
        JsonNode started = STRICT.readTree(child.awaitLine(line -> line.contains(" started in ")));
        TestClient app = new TestClient(
                URI.create("http://127.0.0.1:" + started.path("http_port").asInt() + "/"));
        TestClient admin = new TestClient(
                URI.create("http://127.0.0.1:" + started.path("admin_port").asInt() + "/"));
        version = STRICT.readTree(admin.get("/info").send().expectStatus(200).body())
                .path("version")
                .asText();

        app.get("/hello?name=Ann").header("X-Request-Id", "it-hello").send().expectStatus(200);
        app.post("/greetings")
                .header("X-Request-Id", "it-create")
                .header("User-Agent", "json-logging-it")
                .json(STRICT.writeValueAsString(Map.of("name", FORGED_NAME)))
                .send()
                .expectStatus(201);
        app.get("/greetings/1").header("X-Request-Id", "it-find").send().expectStatus(200);

        for (String line : child.terminate()) {
            lines.add(STRICT.readTree(line)); // throws for a line that is not exactly one JSON value
        }
    }

    @AfterAll
    static void killIfStillRunning() {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    void everyLineIsAJsonObjectWithTheStandardFieldsAndTheServiceIdentity() {
        assertThat(version).isNotBlank().isNotEqualTo("unknown");

        assertThat(lines).hasSizeGreaterThan(5).allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("timestamp").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
            assertThat(line.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(line.path("logger").asText()).isNotBlank();
            assertThat(line.path("thread").asText()).isNotBlank();
            assertThat(line.has("message")).isTrue();
            assertThat(line.path("service").asText()).isEqualTo("hello-service");
            assertThat(line.path("version").asText()).isEqualTo(version);
        });
    }

    @Test
    void linesLoggedInARequestCarryItsRequestIdAndStartupLinesDoNot() {
        JsonNode created = only(line -> line.path("message").asText().startsWith("Created greeting"));
        JsonNode started = only(line -> line.path("message").asText().contains(" started in "));

        assertThat(created.path("request_id").asText()).isEqualTo("it-create");
        assertThat(created.path("logger").asText()).isEqualTo(Greetings.class.getName());
        assertThat(created.path("greeting_id").asLong()).isEqualTo(1);
        assertThat(started.has("request_id")).isFalse();
        assertThat(lines)
                .filteredOn(line -> line.path("thread").asText().equals("main"))
                .isNotEmpty()
                .noneMatch(line -> line.has("request_id"));
    }

    @Test
    void theAccessLogLineHasTheRequestFields() {
        JsonNode access = only(line -> line.path("logger").asText().equals("chassis.access")
                && line.path("request_id").asText().equals("it-find"));
        JsonNode post = only(line -> line.path("logger").asText().equals("chassis.access")
                && line.path("request_id").asText().equals("it-create"));

        assertThat(access.path("method").asText()).isEqualTo("GET");
        assertThat(access.path("path").asText()).isEqualTo("/greetings/1");
        assertThat(access.path("route").asText()).isEqualTo("/greetings/{id}");
        assertThat(access.path("status").asInt()).isEqualTo(200);
        assertThat(access.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(access.path("duration_ms").asLong()).isNotNegative();
        assertThat(access.path("bytes").asLong()).isPositive();
        assertThat(access.path("remote").asText()).isEqualTo("127.0.0.1");
        assertThat(access.path("user_agent").asText()).isNotBlank();
        assertThat(post.path("status").asInt()).isEqualTo(201);
        assertThat(post.path("user_agent").asText()).isEqualTo("json-logging-it");
    }

    @Test
    void aMessageWithCrLfStaysOneLineWithTheCharactersIntact() {
        JsonNode created = only(line -> line.path("message").asText().startsWith("Created greeting"));

        assertThat(created.path("message").asText()).isEqualTo("Created greeting 1 for " + FORGED_NAME);
        assertThat(lines).noneMatch(line -> line.path("level").asText().equals("ERROR"));
    }

    @Test
    void theShutdownLinesAreWrittenBeforeTheJvmExitsOnSigterm() {
        List<String> messages =
                lines.stream().map(line -> line.path("message").asText()).toList();

        assertThat(messages).anyMatch(message -> message.startsWith("hello-service shutting down"));
        assertThat(messages.get(messages.size() - 1)).isEqualTo("hello-service stopped");
    }

    private static JsonNode only(java.util.function.Predicate<JsonNode> matching) {
        List<JsonNode> found = lines.stream().filter(matching).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
