package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.core.Chassis;
import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestRequest;
import io.chassis.testing.TestResponse;
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
                    () -> Chassis.builder().name("loggers-it").configure(a -> a.http()
                            .get("/work", ctx -> {
                                LoggerFactory.getLogger(WORK).debug("debug detail of {}", ctx.requestId());
                                return "done";
                            })))
            .withConfig("chassis.logging.levels.io.chassis.it.quiet", "warn");

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
    void listsTheLoggersConfiguredThroughTheServicesOwnConfig() {
        JsonNode all = send("GET", "/loggers", null).json();

        assertThat(all.path("levels").toString())
                .isEqualTo("[\"TRACE\",\"DEBUG\",\"INFO\",\"WARN\",\"ERROR\",\"OFF\"]");
        assertThat(all.path("loggers").get(0).path("name").asText()).isEqualTo("ROOT");
        assertThat(all.path("loggers").get(0).path("configuredLevel").asText()).isEqualTo("INFO");
        assertThat(all.path("loggers").findValuesAsText("name")).contains("io.chassis.it.quiet");
    }

    @Test
    void aDebugLineAppearsOnceTheLevelIsLoweredAndDisappearsAfterAReset() {
        String before = requestWork();
        JsonNode lowered =
                send("POST", "/loggers/" + WORK, "{\"level\":\"debug\"}").json();
        String during = requestWork();
        JsonNode reset = send("PUT", "/loggers/" + WORK, "{\"level\":null}").json();
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
    void aTemporaryLevelRevertsOnItsOwn() {
        String timed = "io.chassis.it.timed";

        JsonNode changed = send("POST", "/loggers/" + timed, "{\"level\":\"trace\",\"duration\":\"1s\"}")
                .json();

        assertThat(changed.path("effectiveLevel").asText()).isEqualTo("TRACE");
        assertThat(changed.path("temporary").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode now = send("GET", "/loggers/" + timed, null).json();
            assertThat(now.path("configuredLevel").isNull()).isTrue();
            assertThat(now.path("effectiveLevel").asText()).isEqualTo("INFO");
            assertThat(now.path("temporary").asBoolean()).isFalse();
        });
    }

    @Test
    void aLoggerNotCreatedYetReportsTheLevelItWouldInheritAndIsNotCreated() {
        String name = "io.chassis.it.quiet.never.Created";

        JsonNode state = send("GET", "/loggers/" + name, null).json();

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
    void aBadChangeIsA400ProblemAndChangesNothing(String body, String detail) {
        TestResponse response = send("POST", "/loggers/" + WORK, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        assertThat(response.json().path("detail").asText()).contains(detail);
        assertThat(work.getLevel()).isNull();
    }

    @Test
    void theRootLoggerCannotBeMadeToInheritAndANameWithControlCharactersIsRefused() {
        TestResponse root = send("PUT", "/loggers/ROOT", "{\"level\":null}");
        TestResponse control = send("GET", "/loggers/io.chassis%0Aforged", null);

        assertThat(root.status()).isEqualTo(400);
        assertThat(root.json().path("detail").asText()).contains("level of ROOT must be set");
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().path("detail").asText())
                .contains("must not contain whitespace or control characters");
    }

    @Test
    void logEventsAndDroppedEventsAreServedAsMetrics() {
        requestWork();

        String metrics = send("GET", "/metrics", null).body();

        assertThat(metrics).containsPattern("(?m)^logback_events_total\\{.*level=\"info\".*\\} [1-9]");
        assertThat(metrics).containsPattern("(?m)^chassis_logging_dropped_events_total\\{.*\\} 0\\.0$");
    }

    private static String requestWork() {
        return app.http()
                .get("/work")
                .send()
                .expectStatus(200)
                .header("X-Request-Id")
                .orElseThrow();
    }

    /** Sends to the admin listener; {@code body} (JSON) may be null. */
    private static TestResponse send(String method, String path, String body) {
        TestRequest request = app.admin().request(method, path);
        return (body == null ? request : request.json(body)).send();
    }
}
