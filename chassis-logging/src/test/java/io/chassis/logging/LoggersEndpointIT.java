package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.Chassis;
import io.chassis.testing.ChassisExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** {@code /loggers} of a real service, with the logging module found on the class path. */
class LoggersEndpointIT {

    static final String WORK = "io.chassis.it.work";

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(
                    () -> Chassis.builder().name("loggers-it").get("/work", ctx -> {
                        LoggerFactory.getLogger(WORK).debug("debug detail of {}", ctx.requestId());
                        return "done";
                    }))
            .withConfig("chassis.logging.levels.io.chassis.it.quiet", "warn");

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final Logger work = (Logger) LoggerFactory.getLogger(WORK);
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        work.addAppender(captured);
    }

    @AfterEach
    void release() {
        work.detachAppender(captured);
    }

    @Test
    void listsTheLoggersConfiguredThroughTheServicesOwnConfig() throws Exception {
        JsonNode all = JSON.readTree(send("GET", "/loggers", null).body());

        assertThat(all.path("levels").toString())
                .isEqualTo("[\"TRACE\",\"DEBUG\",\"INFO\",\"WARN\",\"ERROR\",\"OFF\"]");
        assertThat(all.path("loggers").get(0).path("name").asText()).isEqualTo("ROOT");
        assertThat(all.path("loggers").get(0).path("configuredLevel").asText()).isEqualTo("INFO");
        assertThat(all.path("loggers").findValuesAsText("name")).contains("io.chassis.it.quiet");
    }

    @Test
    void aDebugLineAppearsOnceTheLevelIsLoweredAndDisappearsAfterAReset() throws Exception {
        String before = requestWork();
        JsonNode lowered = JSON.readTree(
                send("POST", "/loggers/" + WORK, "{\"level\":\"debug\"}").body());
        String during = requestWork();
        JsonNode reset = JSON.readTree(
                send("PUT", "/loggers/" + WORK, "{\"level\":null}").body());
        String after = requestWork();

        assertThat(lowered.path("configuredLevel").asText()).isEqualTo("DEBUG");
        assertThat(reset.path("configuredLevel").isNull()).isTrue();
        assertThat(reset.path("effectiveLevel").asText()).isEqualTo("INFO");
        assertThat(captured.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("debug detail of " + during)
                .doesNotContain("debug detail of " + before, "debug detail of " + after);
    }

    @Test
    void aTemporaryLevelRevertsOnItsOwn() throws Exception {
        String timed = "io.chassis.it.timed";

        JsonNode changed = JSON.readTree(send("POST", "/loggers/" + timed, "{\"level\":\"trace\",\"duration\":\"1s\"}")
                .body());

        assertThat(changed.path("effectiveLevel").asText()).isEqualTo("TRACE");
        assertThat(changed.path("temporary").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode now = JSON.readTree(send("GET", "/loggers/" + timed, null).body());
            assertThat(now.path("configuredLevel").isNull()).isTrue();
            assertThat(now.path("effectiveLevel").asText()).isEqualTo("INFO");
            assertThat(now.path("temporary").asBoolean()).isFalse();
        });
    }

    @Test
    void aLoggerNotCreatedYetReportsTheLevelItWouldInheritAndIsNotCreated() throws Exception {
        String name = "io.chassis.it.quiet.never.Created";

        JsonNode state = JSON.readTree(send("GET", "/loggers/" + name, null).body());

        assertThat(state.path("name").asText()).isEqualTo(name);
        assertThat(state.path("configuredLevel").isNull()).isTrue();
        assertThat(state.path("effectiveLevel").asText()).isEqualTo("WARN");
        assertThat(ChassisLogging.context().exists(name)).isNull();
        assertThat(work.getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    static Stream<Arguments> badChanges() {
        return Stream.of(
                Arguments.of("{\"level\":\"loud\"}", "level must be one of [trace, debug, info, warn, error, off]"),
                Arguments.of("{\"level\":", "Malformed JSON body"),
                Arguments.of("[\"debug\"]", "must be a JSON object, but was array"),
                Arguments.of("{}", "level must be a level name or null, but was 'null'"),
                Arguments.of("{\"lvl\":\"debug\"}", "only the fields level and duration, but had 'lvl'"),
                Arguments.of("{\"level\":7}", "level must be a level name or null, but was '7'"),
                Arguments.of("{\"level\":\"debug\",\"duration\":\"soon\"}", "duration must be a positive duration"),
                Arguments.of("{\"level\":\"debug\",\"duration\":\"-5m\"}", "duration must be a positive duration"),
                Arguments.of("{\"level\":null,\"duration\":\"5m\"}", "level must be set for a temporary change"));
    }

    @ParameterizedTest
    @MethodSource("badChanges")
    void aBadChangeIsA400ProblemAndChangesNothing(String body, String detail) throws Exception {
        HttpResponse<String> response = send("POST", "/loggers/" + WORK, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains(detail);
        assertThat(work.getLevel()).isNull();
    }

    @Test
    void theRootLoggerCannotBeMadeToInheritAndANameWithControlCharactersIsRefused() throws Exception {
        HttpResponse<String> root = send("PUT", "/loggers/ROOT", "{\"level\":null}");
        HttpResponse<String> control = send("GET", "/loggers/io.chassis%0Aforged", null);

        assertThat(root.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(root.body()).path("detail").asText()).contains("level of ROOT must be set");
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(control.body()).path("detail").asText())
                .contains("must not contain whitespace or control characters");
    }

    @Test
    void logEventsAndDroppedEventsAreServedAsMetrics() throws Exception {
        requestWork();

        String metrics = send("GET", "/metrics", null).body();

        assertThat(metrics).containsPattern("(?m)^logback_events_total\\{.*level=\"info\".*\\} [1-9]");
        assertThat(metrics).containsPattern("(?m)^chassis_logging_dropped_events_total\\{.*\\} 0\\.0$");
    }

    private static String requestWork() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(app.baseUri().resolve("/work")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.adminUri().resolve(path.substring(1)));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
