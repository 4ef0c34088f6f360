package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblemsException;
import io.chassis.core.http.Handler;
import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

class RoutingIT {

    record Order(String id, int quantity) {}

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(() -> service().configure(a -> a.http()
            .get("/orders/{id}", ctx -> new Order(ctx.pathParam("id"), 1))
            .get("/search", ctx -> Map.of("q", ctx.queryParam("q").orElse("-"), "tags", ctx.queryParams("tag")))
            .post("/orders", ctx -> ctx.status(201)
                    .responseHeader("Location", "/orders/9")
                    .body(Order.class))
            .get(
                    "/thread",
                    ctx -> Map.of(
                            "thread", Thread.currentThread().getName(), "mdc", String.valueOf(MDC.get("request_id"))))
            .get(
                    "/io-thread",
                    Handler.nonBlocking(ctx -> Map.of(
                            "io", ctx.unsafeExchange().isInIoThread(), "mdc", String.valueOf(MDC.get("request_id")))))
            .get("/async", Handler.nonBlocking(ctx -> CompletableFuture.supplyAsync(() -> Map.of("async", true))))
            .get(
                    "/async-fail",
                    Handler.nonBlocking(ctx -> CompletableFuture.failedFuture(new IllegalStateException("x"))))));

    @Test
    void pathParametersAreBoundFromTheTemplate() {
        TestResponse response = app.http().get("/orders/42").send();

        response.expectStatus(200).expectHeader("Content-Type", "application/json");
        assertThat(response.body()).isEqualTo("{\"id\":\"42\",\"quantity\":1}");
    }

    @Test
    void queryParametersAreReadSingleAndRepeated() {
        TestResponse response = app.http().get("/search?q=tea&tag=a&tag=b").send();

        assertThat(response.body()).contains("\"q\":\"tea\"").contains("\"tags\":[\"a\",\"b\"]");
    }

    @Test
    void jsonBodyIsBoundAndStatusAndHeadersAreSet() {
        TestResponse response = app.http()
                .post("/orders")
                .body("{\"id\":\"9\",\"quantity\":3,\"extra\":true}", "application/json; charset=utf-8")
                .send();

        response.expectStatus(201).expectHeader("Location", "/orders/9");
        assertThat(response.body()).isEqualTo("{\"id\":\"9\",\"quantity\":3}");
    }

    @Test
    void blockingHandlersRunOffTheIoThreadWithRequestIdInMdc() {
        TestResponse response =
                app.http().get("/thread").header("X-Request-Id", "abc-123").send();

        assertThat(response.body()).doesNotContain("I/O").contains("\"mdc\":\"abc-123\"");
    }

    @Test
    void nonBlockingHandlersRunOnTheIoThreadWithRequestIdInMdc() {
        TestResponse response =
                app.http().get("/io-thread").header("X-Request-Id", "io-1").send();

        assertThat(response.body()).contains("\"io\":true").contains("\"mdc\":\"io-1\"");
    }

    @Test
    void completionStageResultIsSentWhenComplete() {
        TestResponse response = app.http().get("/async").send();

        response.expectStatus(200);
        assertThat(response.body()).isEqualTo("{\"async\":true}");
    }

    @Test
    void failedCompletionStageIs500Problem() {
        app.http().get("/async-fail").send().expectStatus(500).expectHeader("Content-Type", "application/problem+json");
    }

    @Test
    void virtualThreadsRunBlockingHandlersOnJava21OrFailFastBefore() {
        ChassisBuilder builder = service()
                .http(h -> h.set("virtual-threads", true))
                .configure(a -> a.http()
                        .get(
                                "/vt",
                                Handler.blocking(ctx -> Map.of(
                                        "virtual",
                                        Thread.currentThread().toString().startsWith("VirtualThread")))));

        if (Runtime.version().feature() >= 21) {
            try (TestService vt = TestService.start(builder)) {
                assertThat(vt.http().get("/vt").send().body()).isEqualTo("{\"virtual\":true}");
            }
        } else {
            assertThatThrownBy(() -> TestService.start(builder))
                    .isInstanceOf(ConfigProblemsException.class)
                    .hasMessageContaining("chassis.http.virtual-threads must be false on Java");
        }
    }

    @Test
    void duplicateRoutesAreReportedAtStart() {
        ChassisBuilder builder =
                service().configure(a -> a.http().get("/a", ctx -> "1").get("/a", ctx -> "2"));

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("route GET /a is defined twice");
    }
}
