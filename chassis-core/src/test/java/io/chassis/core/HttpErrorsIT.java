package io.chassis.core;

import static io.chassis.core.TestApps.request;
import static io.chassis.core.TestApps.send;
import static io.chassis.core.TestApps.uri;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.http.HttpProblem;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HttpErrorsIT {

    record Greeting(String name, int count) {}

    static final ObjectMapper JSON = new ObjectMapper();
    static Chassis app;

    @BeforeAll
    static void start() {
        app = TestApps.builder()
                .configOverride("chassis.http.max-body-size", "1KiB")
                .routes(r -> r.get("/hello", ctx -> "hello " + ctx.requiredQueryParam("name"))
                        .post("/greetings", ctx -> ctx.body(Greeting.class))
                        .put("/greetings", ctx -> null)
                        .get("/boom", ctx -> {
                            throw new IllegalStateException("secret internal detail");
                        })
                        .get("/conflict", ctx -> {
                            throw HttpProblem.conflict("Greeting 7 already exists.");
                        }))
                .start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void unknownPathIs404Problem() throws Exception {
        HttpResponse<String> response = TestApps.get(uri(app, "/nope"));

        assertProblem(response, 404, "Not Found");
        assertThat(json(response).get("detail").asText()).contains("GET /nope");
    }

    @Test
    void wrongMethodIs405ProblemWithAllowHeader() throws Exception {
        HttpResponse<String> response =
                send(request(uri(app, "/greetings")).DELETE().build());

        assertProblem(response, 405, "Method Not Allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST, PUT");
    }

    @Test
    void malformedJsonIs400Problem() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/greetings"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"ann\", "))
                .build());

        assertProblem(response, 400, "Bad Request");
        assertThat(json(response).get("detail").asText()).startsWith("Malformed JSON body");
    }

    @Test
    void wrongJsonTypeIs400Problem() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/greetings"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"ann\", \"count\": \"many\"}"))
                .build());

        assertProblem(response, 400, "Bad Request");
    }

    @Test
    void missingQueryParameterIs400Problem() throws Exception {
        HttpResponse<String> response = TestApps.get(uri(app, "/hello"));

        assertProblem(response, 400, "Bad Request");
        assertThat(json(response).get("detail").asText()).contains("'name'");
    }

    @Test
    void bodyOverLimitIs413Problem() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/greetings"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"" + "a".repeat(2000) + "\"}"))
                .build());

        assertProblem(response, 413, "Content Too Large");
    }

    @Test
    void nonJsonContentTypeIs415Problem() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/greetings"))
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("name=ann"))
                .build());

        assertProblem(response, 415, "Unsupported Media Type");
    }

    @Test
    void uncaughtExceptionIs500ProblemWithoutStackTraceAndIsLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.chassis.core.http");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);

        HttpResponse<String> response;
        try {
            response = TestApps.get(uri(app, "/boom"));
        } finally {
            logger.detachAppender(logged);
        }

        assertProblem(response, 500, "Internal Server Error");
        assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException", "at io.");
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internal detail");
            assertThat(event.getMDCPropertyMap())
                    .containsEntry("request_id", json(response).get("requestId").asText());
        });
    }

    @Test
    void thrownHttpProblemKeepsItsStatusAndDetail() throws Exception {
        HttpResponse<String> response = TestApps.get(uri(app, "/conflict"));

        assertProblem(response, 409, "Conflict");
        assertThat(json(response).get("detail").asText()).isEqualTo("Greeting 7 already exists.");
    }

    @Test
    void handlerReturningNullAnswers204() throws Exception {
        HttpResponse<String> response = send(
                request(uri(app, "/greetings")).PUT(BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(204);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String title) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isEqualTo(title);
        assertThat(body.get("type").asText()).isEqualTo("about:blank");
        assertThat(body.get("requestId").asText())
                .isNotBlank()
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
