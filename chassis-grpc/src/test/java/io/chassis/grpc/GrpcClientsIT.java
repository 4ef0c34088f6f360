package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.RetryInfo;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.ChassisStartupException;
import io.chassis.grpc.test.v1.EchoReply;
import io.chassis.grpc.test.v1.EchoRequest;
import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.chassis.tracing.testing.SpanSink;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Named gRPC clients between two real services on loopback: service A's Echo calls service B's Echo
 * through {@code grpc.client("backend")}. Deadline, request id and trace cross the hop; the client
 * is timed, retried by its policy and guarded by chassis-resilience; server protection answers under
 * concurrent load.
 */
class GrpcClientsIT {

    static final Metadata.Key<String> REQUEST_ID = GrpcCallsIT.REQUEST_ID;

    /** B: answers what it saw of the call. "flaky" fails the first attempt, "down" every attempt. */
    static final class Backend extends EchoServiceGrpc.EchoServiceImplBase {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger flaky = new AtomicInteger();
        volatile CountDownLatch release = new CountDownLatch(0);
        final CountDownLatch cancelled = new CountDownLatch(1);

        @Override
        public void echo(EchoRequest request, StreamObserver<EchoReply> reply) {
            calls.incrementAndGet();
            switch (request.getText()) {
                case "down" ->
                    throw Status.UNAVAILABLE.withDescription("backend down").asRuntimeException();
                case "flaky" -> {
                    if (flaky.getAndIncrement() == 0) {
                        throw Status.UNAVAILABLE
                                .withDescription("first attempt fails")
                                .asRuntimeException();
                    }
                }
                case "hold" -> {
                    Context.current().addListener(c -> cancelled.countDown(), Runnable::run);
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> {}
            }
            Deadline deadline = Context.current().getDeadline();
            String seen = deadline == null ? "none" : String.valueOf(deadline.timeRemaining(TimeUnit.MILLISECONDS));
            reply.onNext(EchoReply.newBuilder()
                    .setText(seen)
                    .setRequestId(String.valueOf(MDC.get("request_id")))
                    .build());
            reply.onCompleted();
        }
    }

    /** A: forwards Echo to the backend through the named client, with no deadline of its own. */
    static final class Front extends EchoServiceGrpc.EchoServiceImplBase {
        volatile Grpc grpc;

        @Override
        public void echo(EchoRequest request, StreamObserver<EchoReply> reply) {
            reply.onNext(EchoServiceGrpc.newBlockingStub(grpc.client("backend")).echo(request));
            reply.onCompleted();
        }
    }

    static GrpcService front(Front front, int backendPort, Map<String, Object> config) {
        var builder = GrpcService.builder(g -> {
                    front.grpc = g;
                    g.service(front);
                })
                .name("service-a")
                .configOverride("chassis.grpc.clients.backend.target", "static:///127.0.0.1:" + backendPort)
                .configOverride("chassis.grpc.clients.backend.deadline", "3s");
        config.forEach(builder::configOverride);
        return GrpcService.start(builder);
    }

    static EchoServiceGrpc.EchoServiceBlockingStub stub(GrpcService service) {
        return EchoServiceGrpc.newBlockingStub(service.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** One answered call through A to B, so both channels are connected and the classes loaded. */
    static void warmUp(GrpcService a) {
        assertThat(stub(a).echo(text("warm")).getText()).isNotEmpty();
    }

    static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).build();
    }

    @Test
    void theBackendInheritsTheCallersDeadlineAndRequestIdElseGetsTheClientDefault() {
        Backend backend = new Backend();
        try (GrpcService b = GrpcService.start(
                        GrpcService.builder(g -> g.service(backend)).name("service-b"));
                GrpcService a = front(new Front(), b.port(), Map.of())) {
            warmUp(a); // a cold first hop (two new channels) could outlast the 1.5 s deadline below
            Metadata headers = new Metadata();
            headers.put(REQUEST_ID, "client-chosen-id-1");
            EchoReply inherited = EchoServiceGrpc.newBlockingStub(a.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(1500, TimeUnit.MILLISECONDS)
                    .echo(text("hi"));
            EchoReply defaulted = stub(a).withDeadline(null).echo(text("hi"));

            assertThat(Long.parseLong(inherited.getText())).isBetween(1L, 1500L);
            assertThat(inherited.getRequestId()).isEqualTo("client-chosen-id-1");
            // A's call had no deadline: the client's deadline (3s) applies, not the caller's 20s
            assertThat(Long.parseLong(defaulted.getText())).isBetween(1500L, 3000L);
            assertThat(defaulted.getRequestId()).matches("[0-9a-f]{32}");

            String metrics =
                    a.service().admin().get("/metrics").send().expectStatus(200).body();
            assertThat(metrics)
                    .containsPattern(
                            "grpc_client_requests_seconds_count\\{[^}]*client=\"backend\"[^}]*rpc_method=\"Echo\""
                                    + "[^}]*rpc_service=\"chassis.test.v1.EchoService\"[^}]*rpc_status=\"OK\"[^}]*} 3");
        }
    }

    @Test
    void anExpiredInheritedDeadlineIsDeadlineExceededAtTheCallerAndCancelsTheBackendsWork() throws Exception {
        Backend backend = new Backend();
        backend.release = new CountDownLatch(1);
        try (GrpcService b = GrpcService.start(
                        GrpcService.builder(g -> g.service(backend)).name("service-b"));
                GrpcService a = front(new Front(), b.port(), Map.of())) {
            warmUp(a); // so the deadline expires while B holds the call, not before the call reaches B
            StatusRuntimeException e = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> stub(a).withDeadlineAfter(1, TimeUnit.SECONDS).echo(text("hold")));

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            // the caller gave up: the backend's work is cancelled too, not left running
            assertThat(backend.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
            backend.release.countDown();
        }
    }

    @Test
    void oneTraceCrossesBothServicesAndBothAccessLines() throws Exception {
        Backend backend = new Backend();
        try (SpanSink sink = SpanSink.start()) {
            Map<String, Object> tracing = Map.of(
                    "chassis.tracing.enabled",
                    true,
                    "chassis.tracing.reporter.type",
                    "zipkin",
                    "chassis.tracing.reporter.zipkin.endpoint",
                    sink.uri("/api/v2/spans").toString(),
                    "chassis.tracing.reporter.flush-interval",
                    "100ms");
            var bBuilder = GrpcService.builder(g -> g.service(backend)).name("service-b");
            tracing.forEach(bBuilder::configOverride);
            List<JsonNode> accessLines;
            try (JsonLog log = JsonLog.capture("chassis.access");
                    GrpcService b = GrpcService.start(bBuilder);
                    GrpcService a = front(new Front(), b.port(), tracing)) {
                stub(a).echo(text("traced"));
                accessLines = log.lines("chassis.access");
            }

            List<JsonNode> spans = sink.zipkinSpans();
            JsonNode aServer = only(spans, "service-a", "SERVER");
            JsonNode aClient = only(spans, "service-a", "CLIENT");
            JsonNode bServer = only(spans, "service-b", "SERVER");
            assertThat(aServer.path("name").asText()).isEqualToIgnoringCase("chassis.test.v1.EchoService/Echo");
            assertThat(aClient.path("traceId").asText())
                    .isEqualTo(aServer.path("traceId").asText());
            assertThat(bServer.path("traceId").asText())
                    .isEqualTo(aServer.path("traceId").asText());
            assertThat(aClient.path("parentId").asText())
                    .isEqualTo(aServer.path("id").asText());
            assertThat(bServer.path("parentId").asText())
                    .isEqualTo(aClient.path("id").asText());
            assertThat(aClient.path("tags").path("rpc.grpc.status_code").asText())
                    .isEqualTo("0");
        }
    }

    private static JsonNode only(List<JsonNode> spans, String service, String kind) {
        List<JsonNode> found = spans.stream()
                .filter(s -> service.equals(
                        s.path("localEndpoint").path("serviceName").asText()))
                .filter(s -> kind.equals(s.path("kind").asText()))
                .toList();
        assertThat(found).as(kind + " spans of " + service + " in " + spans).hasSize(1);
        return found.get(0);
    }

    @Test
    void unavailableIsRetriedByTheChannelPolicyOnce() {
        Backend backend = new Backend();
        try (GrpcService b = GrpcService.start(
                        GrpcService.builder(g -> g.service(backend)).name("service-b"));
                GrpcService a = front(new Front(), b.port(), Map.of())) {
            EchoReply reply = stub(a).echo(text("flaky"));

            assertThat(reply.getRequestId()).isNotBlank();
            assertThat(backend.calls).hasValue(2); // the failed attempt and the retry
        }
    }

    @Test
    void anOpenBreakerFailsFastWithoutCallingTheBackendAndShowsInHealth() {
        Backend backend = new Backend();
        try (GrpcService b = GrpcService.start(
                        GrpcService.builder(g -> g.service(backend)).name("service-b"));
                GrpcService a = front(
                        new Front(),
                        b.port(),
                        Map.of(
                                "chassis.grpc.clients.backend.retry.max-attempts", 1,
                                "chassis.resilience.circuit-breaker.backend.minimum-number-of-calls", 2,
                                "chassis.resilience.circuit-breaker.backend.sliding-window-size", 2))) {
            for (int i = 0; i < 2; i++) {
                StatusRuntimeException e =
                        catchThrowableOfType(StatusRuntimeException.class, () -> stub(a).echo(text("down")));
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }
            int before = backend.calls.get();

            StatusRuntimeException open =
                    catchThrowableOfType(StatusRuntimeException.class, () -> stub(a).echo(text("down")));

            assertThat(backend.calls).hasValue(before);
            assertThat(open.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(open.getStatus().getDescription()).contains("circuit breaker is open");
            // the breaker is chassis-resilience's: its state is reported like an HTTP client's
            String metrics =
                    a.service().admin().get("/metrics").send().expectStatus(200).body();
            assertThat(metrics)
                    .containsPattern(
                            "resilience4j_circuitbreaker_state\\{[^}]*name=\"backend\"[^}]*state=\"open\"[^}]*} 1\\.0");
            String health = a.service().admin().get("/health").send().body();
            assertThat(health).contains("circuit-breakers").contains("backend");
        }
    }

    @Test
    void serverProtectionAnswersEveryCallUnderConcurrentLoad() throws Exception {
        Backend backend = new Backend();
        backend.release = new CountDownLatch(1);
        var builder = GrpcService.builder(g -> g.service(backend))
                .name("service-b")
                .configOverride("chassis.resilience.bulkhead.echo.max-concurrent-calls", 2)
                .configOverride(
                        "chassis.resilience.server.operations",
                        List.of(Map.of("operation", "chassis.test.v1.EchoService/*", "bulkhead", "echo")));
        try (GrpcService b = GrpcService.start(builder)) {
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Future<Status>> calls = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    calls.add(pool.submit(() -> {
                        try {
                            stub(b).echo(text("hold"));
                            return Status.OK;
                        } catch (StatusRuntimeException e) {
                            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                                com.google.rpc.Status rich = StatusProto.fromThrowable(e);
                                assertThat(rich).isNotNull();
                                assertThat(rich.getDetailsList()).anySatisfy(d -> assertThat(d.is(RetryInfo.class))
                                        .isTrue());
                            }
                            return e.getStatus();
                        }
                    }));
                }
                // the refused calls are answered while the admitted ones still hold their slots
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> calls.stream().filter(Future::isDone).count() == 10);
                assertThat(backend.calls).hasValue(2);
                backend.release.countDown();
                List<Status.Code> codes = new ArrayList<>();
                for (Future<Status> call : calls) {
                    codes.add(call.get(20, TimeUnit.SECONDS).getCode());
                }
                assertThat(codes).hasSize(12);
                assertThat(codes.stream().filter(c -> c == Status.Code.OK)).hasSize(2);
                assertThat(codes.stream().filter(c -> c == Status.Code.UNAVAILABLE))
                        .hasSize(10);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void roundRobinOverAStaticListSpreadsCallsOverEveryAddress() {
        Backend one = new Backend();
        Backend two = new Backend();
        try (GrpcService b1 = GrpcService.start(
                        GrpcService.builder(g -> g.service(one)).name("b1"));
                GrpcService b2 = GrpcService.start(
                        GrpcService.builder(g -> g.service(two)).name("b2"));
                GrpcService a = front(
                        new Front(),
                        b1.port(),
                        Map.of(
                                "chassis.grpc.clients.backend.target",
                                "static:///127.0.0.1:" + b1.port() + ",localhost:" + b2.port(),
                                "chassis.grpc.clients.backend.load-balancing",
                                "round_robin"))) {
            for (int i = 0; i < 10; i++) {
                stub(a).echo(text("hi"));
            }

            assertThat(one.calls.get() + two.calls.get()).isEqualTo(10);
            assertThat(one.calls.get()).isPositive();
            assertThat(two.calls.get()).isPositive();
        }
    }

    @Test
    void aServerRateLimitIsResourceExhaustedWithRetryInfoForEveryCallBeyondIt() throws Exception {
        Backend backend = new Backend();
        var builder = GrpcService.builder(g -> g.service(backend))
                .name("service-b")
                .configOverride("chassis.resilience.rate-limiter.echo.limit-for-period", 3)
                .configOverride("chassis.resilience.rate-limiter.echo.limit-refresh-period", "1m")
                .configOverride(
                        "chassis.resilience.server.operations",
                        List.of(Map.of("operation", "chassis.test.v1.EchoService/Echo", "rate-limiter", "echo")));
        try (GrpcService b = GrpcService.start(builder)) {
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<StatusRuntimeException>> calls = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    calls.add(pool.submit(() -> {
                        try {
                            stub(b).echo(text("hi"));
                            return null;
                        } catch (StatusRuntimeException e) {
                            return e;
                        }
                    }));
                }
                int ok = 0;
                List<StatusRuntimeException> limited = new ArrayList<>();
                for (Future<StatusRuntimeException> call : calls) {
                    StatusRuntimeException e = call.get(20, TimeUnit.SECONDS);
                    if (e == null) {
                        ok++;
                    } else {
                        limited.add(e);
                    }
                }
                assertThat(ok).isEqualTo(3);
                assertThat(limited).hasSize(7).allSatisfy(e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(StatusProto.fromThrowable(e).getDetailsList())
                            .anySatisfy(d -> assertThat(d.is(RetryInfo.class)).isTrue());
                });
                assertThat(backend.calls).hasValue(3);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anUnknownClientNameListsTheConfiguredOnes() {
        Exception e = catchThrowableOfType(
                Exception.class,
                () -> GrpcService.start(GrpcService.builder(g -> g.client("nope"))
                        .configOverride("chassis.grpc.clients.backend.target", "dns:///localhost:1")));

        assertThat(e.getMessage()).contains("no gRPC client 'nope'").contains("configured: backend");
    }

    @Test
    void invalidClientSettingsAreStartupProblemsNamingTheKey() {
        ConfigProblemsException e = catchThrowableOfType(
                ConfigProblemsException.class,
                () -> GrpcService.start(GrpcService.builder(g -> {})
                        .configOverride("chassis.grpc.clients.backend.target", "static:///127.0.0.1:1")
                        .configOverride("chassis.grpc.max-concurrent-calls-per-connection", 0)
                        .configOverride("chassis.grpc.clients.backend.load-balancing", "random")
                        .configOverride(
                                "chassis.grpc.clients.backend.retry.statuses", List.of("UNAVAILABLE", "OOPS"))));

        assertThat(e.getMessage())
                .contains("chassis.grpc.max-concurrent-calls-per-connection must")
                .contains("chassis.grpc.clients.backend.load-balancing must be pick_first or round_robin")
                .contains("chassis.grpc.clients.backend.retry.statuses must name gRPC status codes");
    }

    @Test
    void aRetrySectionUnderResilienceIsRefusedForGrpcClients() {
        Exception e = catchThrowableOfType(
                Exception.class,
                () -> GrpcService.start(GrpcService.builder(g -> {})
                        .configOverride("chassis.grpc.clients.backend.target", "static:///127.0.0.1:1")
                        .configOverride("chassis.grpc.clients.backend.resilience.retry", "default")));

        assertThat(e).isInstanceOfAny(ConfigProblemsException.class, ChassisStartupException.class);
        assertThat(e.getMessage())
                .contains("chassis.grpc.clients.backend.resilience.retry")
                .contains("chassis.grpc.clients.backend.retry");
    }
}
