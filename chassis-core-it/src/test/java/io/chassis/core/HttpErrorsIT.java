package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.core.http.HttpProblem;
import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class HttpErrorsIT {

    record Greeting(String name, int count) {}

    static ChassisBuilder service() {
        return Chassis.builder()
                .name("test-service")
                .version("1.2.3")
                .discoverModules(false)
                .http(h -> h.set("max-body-size", "1KiB"))
                .configure(app -> app.http()
                        .get("/hello", ctx -> "hello " + ctx.requiredQueryParam("name"))
                        .post("/greetings", ctx -> ctx.body(Greeting.class))
                        .put("/greetings", ctx -> null)
                        .get("/boom", ctx -> {
                            throw new IllegalStateException("secret internal detail");
                        })
                        .get("/conflict", ctx -> {
                            throw HttpProblem.conflict("Greeting 7 already exists.");
                        }));
    }

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(HttpErrorsIT::service);

    @Test
    void unknownPathIs404Problem() {
        TestResponse response = app.http().get("/nope").send();

        assertProblem(response, 404, "Not Found");
        assertThat(response.json().get("detail").asText()).contains("GET /nope");
    }

    @Test
    void wrongMethodIs405ProblemWithAllowHeader() {
        TestResponse response = app.http().delete("/greetings").send();

        assertProblem(response, 405, "Method Not Allowed");
        response.expectHeader("Allow", "POST, PUT");
    }

    @Test
    void malformedJsonIs400Problem() {
        TestResponse response =
                app.http().post("/greetings").json("{\"name\": \"ann\", ").send();

        assertProblem(response, 400, "Bad Request");
        assertThat(response.json().get("detail").asText()).startsWith("Malformed JSON body");
    }

    @Test
    void wrongJsonTypeIs400Problem() {
        TestResponse response = app.http()
                .post("/greetings")
                .json("{\"name\": \"ann\", \"count\": \"many\"}")
                .send();

        assertProblem(response, 400, "Bad Request");
        response.expectJson("/detail", "Invalid JSON body: field /count must be a number, but was a string.");
    }

    @Test
    void jsonNullBodyIsAMissingBody400NeverAHandlerSeeingNull() {
        TestResponse response = app.http().post("/greetings").json("null").send();

        assertProblem(response, 400, "Bad Request");
        response.expectJson("/detail", "A JSON request body is required.");
    }

    @Test
    void wellFormedJsonOfTheWrongShapeNamesTheFieldAndTheExpectedType() {
        TestResponse response = app.http()
                .post("/greetings")
                .json("{\"name\":{\"first\":\"Bo\"}}")
                .send();

        assertProblem(response, 400, "Bad Request");
        response.expectJson("/detail", "Invalid JSON body: field /name must be a string, but was an object.");
    }

    @Test
    void anArrayForAnObjectNamesNoJavaClass() {
        TestResponse response = app.http().post("/greetings").json("[1,2]").send();

        assertProblem(response, 400, "Bad Request");
        response.expectJson("/detail", "Invalid JSON body: the body must be an object, but was an array.");
        assertThat(response.body()).doesNotContain("Greeting", "HttpErrorsIT", "java.", "$");
    }

    @Test
    void missingQueryParameterIs400Problem() {
        TestResponse response = app.http().get("/hello").send();

        assertProblem(response, 400, "Bad Request");
        assertThat(response.json().get("detail").asText()).contains("'name'");
    }

    @Test
    void bodyOverLimitIs413Problem() {
        TestResponse response = app.http()
                .post("/greetings")
                .json("{\"name\": \"" + "a".repeat(2000) + "\"}")
                .send();

        assertProblem(response, 413, "Content Too Large");
    }

    @Test
    void nonJsonContentTypeIs415Problem() {
        TestResponse response =
                app.http().post("/greetings").body("name=ann", "text/plain").send();

        assertProblem(response, 415, "Unsupported Media Type");
    }

    @Test
    void uncaughtExceptionIs500ProblemWithoutStackTraceAndIsLogged() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.chassis.core.http");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);

        TestResponse response;
        try {
            response = app.http().get("/boom").send();
        } finally {
            logger.detachAppender(logged);
        }

        assertProblem(response, 500, "Internal Server Error");
        assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException", "at io.");
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internal detail");
            assertThat(event.getMDCPropertyMap())
                    .containsEntry(
                            "request_id", response.json().get("requestId").asText());
        });
    }

    @Test
    void thrownHttpProblemKeepsItsStatusAndDetail() {
        TestResponse response = app.http().get("/conflict").send();

        assertProblem(response, 409, "Conflict");
        response.expectJson("/detail", "Greeting 7 already exists.");
    }

    @Test
    void handlerReturningNullAnswers204() {
        app.http().put("/greetings").send().expectStatus(204);
    }

    private static void assertProblem(TestResponse response, int status, String title) {
        response.expectStatus(status).expectHeader("Content-Type", "application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isEqualTo(title);
        assertThat(body.get("type").asText()).isEqualTo("about:blank");
        assertThat(body.get("requestId").asText())
                .isNotBlank()
                .isEqualTo(response.header("X-Request-Id").orElseThrow());
    }
}
