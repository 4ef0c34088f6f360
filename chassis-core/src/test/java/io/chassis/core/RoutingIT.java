package io.chassis.core;

import static io.chassis.core.TestApps.request;
import static io.chassis.core.TestApps.send;
import static io.chassis.core.TestApps.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblemsException;
import io.chassis.core.http.Handler;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RoutingIT {

    record Order(String id, int quantity) {}

    static Chassis app;

    @BeforeAll
    static void start() {
        app = TestApps.builder()
                .routes(r -> r.get("/orders/{id}", ctx -> new Order(ctx.pathParam("id"), 1))
                        .get(
                                "/search",
                                ctx -> Map.of("q", ctx.queryParam("q").orElse("-"), "tags", ctx.queryParams("tag")))
                        .post("/orders", ctx -> ctx.status(201)
                                .responseHeader("Location", "/orders/9")
                                .body(Order.class))
                        .get(
                                "/thread",
                                ctx -> Map.of(
                                        "thread",
                                        Thread.currentThread().getName(),
                                        "mdc",
                                        String.valueOf(MDC.get("request_id"))))
                        .get(
                                "/io-thread",
                                Handler.nonBlocking(ctx -> Map.of(
                                        "io",
                                        ctx.unsafeExchange().isInIoThread(),
                                        "mdc",
                                        String.valueOf(MDC.get("request_id")))))
                        .get(
                                "/async",
                                Handler.nonBlocking(ctx -> CompletableFuture.supplyAsync(() -> Map.of("async", true))))
                        .get(
                                "/async-fail",
                                Handler.nonBlocking(
                                        ctx -> CompletableFuture.failedFuture(new IllegalStateException("x")))))
                .start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void pathParametersAreBoundFromTheTemplate() throws Exception {
        HttpResponse<String> response = TestApps.get(uri(app, "/orders/42"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"id\":\"42\",\"quantity\":1}");
    }

    @Test
    void queryParametersAreReadSingleAndRepeated() throws Exception {
        HttpResponse<String> response = TestApps.get(uri(app, "/search?q=tea&tag=a&tag=b"));

        assertThat(response.body()).contains("\"q\":\"tea\"").contains("\"tags\":[\"a\",\"b\"]");
    }

    @Test
    void jsonBodyIsBoundAndStatusAndHeadersAreSet() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/orders"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(BodyPublishers.ofString("{\"id\":\"9\",\"quantity\":3,\"extra\":true}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/9");
        assertThat(response.body()).isEqualTo("{\"id\":\"9\",\"quantity\":3}");
    }

    @Test
    void blockingHandlersRunOffTheIoThreadWithRequestIdInMdc() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/thread"))
                .header("X-Request-Id", "abc-123")
                .GET()
                .build());

        assertThat(response.body()).doesNotContain("I/O").contains("\"mdc\":\"abc-123\"");
    }

    @Test
    void nonBlockingHandlersRunOnTheIoThreadWithRequestIdInMdc() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/io-thread"))
                .header("X-Request-Id", "io-1")
                .GET()
                .build());

        assertThat(response.body()).contains("\"io\":true").contains("\"mdc\":\"io-1\"");
    }

    @Test
    void completionStageResultIsSentWhenComplete() throws Exception {
        HttpResponse<String> response = TestApps.get(uri(app, "/async"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"async\":true}");
    }

    @Test
    void failedCompletionStageIs500Problem() throws Exception {
        HttpResponse<String> response = TestApps.get(uri(app, "/async-fail"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void virtualThreadsRunBlockingHandlersOnJava21OrFailFastBefore() throws Exception {
        ChassisBuilder builder = TestApps.builder()
                .configOverride("chassis.http.virtual-threads", true)
                .get(
                        "/vt",
                        ctx -> Map.of(
                                "virtual", Thread.currentThread().toString().startsWith("VirtualThread")));

        if (Runtime.version().feature() >= 21) {
            try (Chassis vt = builder.start()) {
                assertThat(TestApps.get(uri(vt, "/vt")).body()).isEqualTo("{\"virtual\":true}");
            }
        } else {
            assertThatThrownBy(builder::start)
                    .isInstanceOf(ConfigProblemsException.class)
                    .hasMessageContaining("chassis.http.virtual-threads must be false on Java");
        }
    }

    @Test
    void duplicateRoutesAreReportedAtStart() {
        ChassisBuilder builder = TestApps.builder().get("/a", ctx -> "1").get("/a", ctx -> "2");

        assertThatThrownBy(builder::start)
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("route GET /a is defined twice");
    }
}
