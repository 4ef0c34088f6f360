package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

class RequestIdIT {

    static final AtomicReference<String> SEEN_IN_MDC = new AtomicReference<>();
    static final ExecutorService OWN_EXECUTOR = Executors.newSingleThreadExecutor();

    static ChassisBuilder service() {
        return Chassis.builder()
                .name("test-service")
                .version("1.2.3")
                .discoverModules(false)
                .configure(app -> {
                    ContextPropagation propagation = app.contextPropagation();
                    app.http()
                            .get("/id", ctx -> {
                                SEEN_IN_MDC.set(MDC.get("request_id"));
                                return ctx.requestId();
                            })
                            .get(
                                    "/id-from-own-executor",
                                    ctx -> CompletableFuture.supplyAsync(
                                            () -> MDC.get("request_id"), propagation.wrap(OWN_EXECUTOR)));
                });
    }

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(RequestIdIT::service);

    @AfterAll
    static void stopExecutor() {
        OWN_EXECUTOR.shutdownNow();
    }

    @Test
    void acceptsAndEchoesASafeIncomingRequestId() {
        TestResponse response =
                app.http().get("/id").header("X-Request-Id", "req-42.a_b:c").send();

        response.expectHeader("X-Request-Id", "req-42.a_b:c");
        assertThat(response.body()).isEqualTo("\"req-42.a_b:c\"");
        assertThat(SEEN_IN_MDC.get()).isEqualTo("req-42.a_b:c");
    }

    @Test
    void workHandedToTheServicesOwnExecutorThroughContextPropagationSeesTheRequestId() throws Exception {
        TestResponse first = app.http().get("/id-from-own-executor").send();
        TestResponse second = app.http().get("/id-from-own-executor").send();

        assertThat(first.body()).isEqualTo("\"" + first.header("X-Request-Id").orElseThrow() + "\"");
        assertThat(second.body()).isEqualTo("\"" + second.header("X-Request-Id").orElseThrow() + "\"");
        assertThat(first.body()).isNotEqualTo(second.body());
        assertThat(OWN_EXECUTOR.submit(() -> MDC.get("request_id")).get(10, TimeUnit.SECONDS))
                .as("the executor's thread is left without a request id")
                .isNull();
    }

    @Test
    void generatesOneWhenAbsent() {
        TestResponse response = app.http().get("/id").send();

        String id = response.header("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(response.body()).isEqualTo("\"" + id + "\"");
        assertThat(SEEN_IN_MDC.get()).isEqualTo(id);
    }

    @Test
    void replacesAnUnsafeIncomingRequestId() {
        TestResponse response =
                app.http().get("/id").header("X-Request-Id", "bad id\"<script>").send();

        assertThat(response.header("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void replacesAnOverlongIncomingRequestId() {
        TestResponse response =
                app.http().get("/id").header("X-Request-Id", "a".repeat(129)).send();

        assertThat(response.header("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(32));
    }

    @Test
    void echoesTheRequestIdOnErrorsToo() {
        TestResponse response =
                app.http().get("/missing").header("X-Request-Id", "err-1").send();

        response.expectStatus(404).expectHeader("X-Request-Id", "err-1");
        assertThat(response.body()).contains("\"requestId\":\"err-1\"");
    }
}
