package io.chassis.core;

import static io.chassis.core.TestApps.request;
import static io.chassis.core.TestApps.send;
import static io.chassis.core.TestApps.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.ContextPropagation;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdIT {

    static final AtomicReference<String> SEEN_IN_MDC = new AtomicReference<>();
    static final AtomicReference<ContextPropagation> PROPAGATION = new AtomicReference<>();
    static final ExecutorService OWN_EXECUTOR = Executors.newSingleThreadExecutor();
    static Chassis app;

    @BeforeAll
    static void start() {
        app = TestApps.builder()
                .get("/id", ctx -> {
                    SEEN_IN_MDC.set(MDC.get("request_id"));
                    return ctx.requestId();
                })
                .configure(context -> PROPAGATION.set(context.contextPropagation()))
                .get(
                        "/id-from-own-executor",
                        ctx -> CompletableFuture.supplyAsync(
                                () -> MDC.get("request_id"), PROPAGATION.get().wrap(OWN_EXECUTOR)))
                .start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        OWN_EXECUTOR.shutdownNow();
    }

    @Test
    void acceptsAndEchoesASafeIncomingRequestId() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/id"))
                .header("X-Request-Id", "req-42.a_b:c")
                .GET()
                .build());

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-42.a_b:c");
        assertThat(response.body()).isEqualTo("\"req-42.a_b:c\"");
        assertThat(SEEN_IN_MDC.get()).isEqualTo("req-42.a_b:c");
    }

    @Test
    void workHandedToTheServicesOwnExecutorThroughContextPropagationSeesTheRequestId() throws Exception {
        HttpResponse<String> first = TestApps.get(uri(app, "/id-from-own-executor"));
        HttpResponse<String> second = TestApps.get(uri(app, "/id-from-own-executor"));

        assertThat(first.body())
                .isEqualTo("\"" + first.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
        assertThat(second.body())
                .isEqualTo("\"" + second.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
        assertThat(first.body()).isNotEqualTo(second.body());
        assertThat(OWN_EXECUTOR.submit(() -> MDC.get("request_id")).get(10, TimeUnit.SECONDS))
                .as("the executor's thread is left without a request id")
                .isNull();
    }

    @Test
    void generatesOneWhenAbsent() throws Exception {
        HttpResponse<String> response = TestApps.get(uri(app, "/id"));

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(response.body()).isEqualTo("\"" + id + "\"");
        assertThat(SEEN_IN_MDC.get()).isEqualTo(id);
    }

    @Test
    void replacesAnUnsafeIncomingRequestId() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/id"))
                .header("X-Request-Id", "bad id\"<script>")
                .GET()
                .build());

        assertThat(response.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void replacesAnOverlongIncomingRequestId() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/id"))
                .header("X-Request-Id", "a".repeat(129))
                .GET()
                .build());

        assertThat(response.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(32));
    }

    @Test
    void echoesTheRequestIdOnErrorsToo() throws Exception {
        HttpResponse<String> response = send(request(uri(app, "/missing"))
                .header("X-Request-Id", "err-1")
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("err-1");
        assertThat(response.body()).contains("\"requestId\":\"err-1\"");
    }
}
