package io.chassis.tracing.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.core.ContextPropagation;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.core.spi.ModulePhase;
import io.chassis.testing.TestRequest;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import io.chassis.tracing.Traced;
import io.chassis.tracing.TracingModule;
import io.micrometer.core.instrument.Counter;
import io.opentracing.propagation.Format;
import io.opentracing.propagation.TextMapAdapter;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every backend must do, against real services on loopback reporting Zipkin JSON to a {@link
 * SpanSink}. Spans are asserted after the service stopped ({@link TestService#close()}), which also
 * proves the flush on stop.
 */
public abstract class TracingBackendContract {

    protected static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    protected static final String CALLER_SPAN = "00f067aa0ba902b7";

    protected SpanSink sink;

    @BeforeEach
    void startSink() throws Exception {
        sink = SpanSink.start();
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    /** Test defaults: Zipkin to the sink, sent only when the service stops (or the queue fills). */
    protected Map<String, Object> config(Object... pairs) {
        Map<String, Object> c = new HashMap<>();
        c.put("chassis.tracing.reporter.type", "zipkin");
        c.put(
                "chassis.tracing.reporter.zipkin.endpoint",
                sink.uri("/api/v2/spans").toString());
        c.put("chassis.tracing.reporter.flush-interval", "1h");
        for (int i = 0; i < pairs.length; i += 2) {
            c.put((String) pairs[i], pairs[i + 1]);
        }
        return c;
    }

    /**
     * The service every contract test describes: {@code tracing} as its only module (none is
     * discovered), configured with {@code config}. Start it with {@link TestService#start}.
     */
    static ChassisBuilder tracingOnly(String name, TracingModule tracing, Map<String, Object> config) {
        ChassisBuilder builder = Chassis.builder()
                .discoverModules(false)
                .module(tracing)
                .name(name)
                .version("1.0");
        config.forEach(builder::configOverride);
        return builder;
    }

    static ChassisBuilder tracingOnly(String name, Map<String, Object> config) {
        return tracingOnly(name, TracingModule.create(), config);
    }

    @Test
    void serverSpansAreNamedByRouteTemplateAndTagged() throws Exception {
        try (TestService app = TestService.start(tracingOnly("orders", config()).configure(a -> a.http()
                .get("/orders/{id}", ctx -> Map.of("id", 7))
                .get("/boom", ctx -> {
                    throw new IllegalStateException("boom");
                })))) {
            app.http().get("/orders/7").send().expectStatus(200);
            app.http().get("/boom").send().expectStatus(500);
            app.http().get("/nothing/here").send().expectStatus(404);
            app.http().delete("/orders/7").send().expectStatus(405);
        }

        JsonNode ok = sink.span("GET /orders/{id}");
        assertThat(ok.path("kind").asText()).isEqualTo("SERVER");
        assertThat(ok.path("localEndpoint").path("serviceName").asText()).isEqualTo("orders");
        assertThat(ok.path("tags").path("http.method").asText()).isEqualTo("GET");
        assertThat(ok.path("tags").path("http.url").asText()).endsWith("/orders/7");
        assertThat(ok.path("tags").path("http.status_code").asText()).isEqualTo("200");
        assertThat(ok.path("tags").has("error")).isFalse();
        JsonNode failed = sink.span("GET /boom");
        assertThat(failed.path("tags").path("http.status_code").asText()).isEqualTo("500");
        assertThat(failed.path("tags").has("error")).isTrue();
        assertThat(failed.toString()).contains("boom");
        assertThat(sink.span("GET UNMATCHED")
                        .path("tags")
                        .path("http.status_code")
                        .asText())
                .isEqualTo("404");
        // a route matched the path, not the method: the span names that route
        assertThat(sink.span("DELETE /orders/{id}")
                        .path("tags")
                        .path("http.status_code")
                        .asText())
                .isEqualTo("405");
    }

    @Test
    void workHandedOverThroughContextPropagationRunsUnderTheRequestsSpan() throws Exception {
        TracingModule tracing = TracingModule.create();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Map<String, String> seen = new ConcurrentHashMap<>();
        TestResponse response;
        try (TestService app = TestService.start(tracingOnly(
                        "svc", tracing, config("chassis.tracing.response-header", "X-Trace-Id"))
                .configure(a -> {
                    ContextPropagation propagation = a.contextPropagation();
                    a.http().get("/work", ctx -> {
                        pool.submit(propagation.wrap(() -> {
                                    seen.put("trace_id", MDC.get("trace_id"));
                                    seen.put("request_id", MDC.get("request_id"));
                                    tracing.tracer().buildSpan("lookup").start().finish();
                                    return null;
                                }))
                                .get();
                        seen.put(
                                "after",
                                String.valueOf(
                                        pool.submit(() -> tracing.tracer().activeSpan())
                                                .get()));
                        return Map.of();
                    });
                }))) {
            response = app.http().get("/work").send();
        } finally {
            pool.shutdown();
        }

        String traceId = response.header("X-Trace-Id").orElseThrow();
        JsonNode server = sink.span("GET /work");
        JsonNode lookup = sink.span("lookup");
        assertThat(lookup.path("traceId").asText()).isEqualTo(traceId);
        assertThat(lookup.path("parentId").asText()).isEqualTo(server.path("id").asText());
        assertThat(seen.get("trace_id")).isEqualTo(traceId);
        assertThat(seen.get("request_id"))
                .isEqualTo(response.header("X-Request-Id").orElseThrow());
        assertThat(seen.get("after"))
                .as("no span left active on the pool thread")
                .isEqualTo("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"w3c", "b3-single", "b3", "jaeger"})
    void continuesTheCallersTraceReadFromEachFormat(String format) throws Exception {
        Map<String, String> headers =
                switch (format) {
                    case "w3c" -> Map.of("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01");
                    case "b3-single" -> Map.of("b3", TRACE + "-" + CALLER_SPAN + "-1");
                    case "b3" -> Map.of("X-B3-TraceId", TRACE, "X-B3-SpanId", CALLER_SPAN, "X-B3-Sampled", "1");
                    default -> Map.of("uber-trace-id", TRACE + ":" + CALLER_SPAN + ":0:1");
                };
        try (TestService app = TestService.start(
                tracingOnly("svc", config()).configure(a -> a.http().get("/x", ctx -> Map.of())))) {
            TestRequest request = app.http().get("/x");
            headers.forEach(request::header);
            request.send();
        }

        JsonNode span = sink.span("GET /x");
        assertThat(span.path("traceId").asText()).isEqualTo(TRACE);
        assertThat(span.path("parentId").asText()).isEqualTo(CALLER_SPAN);
        assertThat(span.path("id").asText()).isNotEqualTo(CALLER_SPAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"w3c", "b3-single", "b3", "jaeger"})
    void honoursTheCallersDecisionNotToSampleAndStillKeepsItsTraceId(String format) throws Exception {
        Map<String, String> headers =
                switch (format) {
                    case "w3c" -> Map.of("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-00");
                    case "b3-single" -> Map.of("b3", TRACE + "-" + CALLER_SPAN + "-0");
                    case "b3" -> Map.of("X-B3-TraceId", TRACE, "X-B3-SpanId", CALLER_SPAN, "X-B3-Sampled", "0");
                    default -> Map.of("uber-trace-id", TRACE + ":" + CALLER_SPAN + ":0:0");
                };
        TestResponse response;
        try (TestService app = TestService.start(tracingOnly(
                        "svc", config("chassis.tracing.response-header", "X-Trace-Id"))
                .configure(a -> a.http().get("/x", ctx -> Map.of("trace_id", String.valueOf(MDC.get("trace_id"))))))) {
            TestRequest request = app.http().get("/x");
            headers.forEach(request::header);
            response = request.send();
        }

        response.expectStatus(200).expectHeader("X-Trace-Id", TRACE);
        assertThat(response.body()).contains(TRACE); // logs still correlate
        assertThat(sink.zipkinSpans())
                .as("nothing reported for an unsampled trace")
                .isEmpty();
    }

    @Test
    void aMalformedTraceparentStartsANewTraceAndTheRequestSucceeds() throws Exception {
        try (TestService app = TestService.start(
                tracingOnly("svc", config()).configure(a -> a.http().get("/x", ctx -> Map.of())))) {
            app.http()
                    .get("/x")
                    .header("traceparent", "00-zz-" + CALLER_SPAN + "-01")
                    .send()
                    .expectStatus(200);
        }

        JsonNode span = sink.span("GET /x");
        assertThat(span.path("traceId").asText()).hasSize(32).isNotEqualTo(TRACE);
        assertThat(span.has("parentId")).isFalse();
    }

    @Test
    void samplerNeverStillRecordsWhenTheCallerSampled() throws Exception {
        try (TestService app = TestService.start(tracingOnly("svc", config("chassis.tracing.sampler.type", "never"))
                .configure(a -> a.http().get("/x", ctx -> Map.of()).get("/y", ctx -> Map.of())))) {
            app.http()
                    .get("/x")
                    .header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")
                    .send();
            app.http().get("/y").send();
        }

        assertThat(sink.zipkinSpans())
                .extracting(s -> s.path("name").asText().toUpperCase())
                .containsExactly("GET /X");
    }

    @Test
    void anUnsampledCallerIsNotRecorded() throws Exception {
        try (TestService app = TestService.start(
                tracingOnly("svc", config()).configure(a -> a.http().get("/x", ctx -> Map.of())))) {
            app.http()
                    .get("/x")
                    .header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-00")
                    .send();
        }

        assertThat(sink.zipkinSpans()).isEmpty();
    }

    @Test
    void spansFinishedBeforeStopAreSentByStop() throws Exception {
        try (TestService app = TestService.start(
                tracingOnly("svc", config()).configure(a -> a.http().get("/x", ctx -> Map.of())))) {
            for (int i = 0; i < 3; i++) {
                app.http().get("/x").send();
            }
            assertThat(sink.zipkinSpans()).isEmpty(); // flush-interval is 1h: nothing was sent yet
        }

        assertThat(sink.zipkinSpans()).hasSize(3);
    }

    @Test
    void idsAreInTheMdcOnHandlerAndWorkerThreadsAndRemovedAfterwards() throws Exception {
        TracingModule tracing = TracingModule.create();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<String> outsideSpan = new CopyOnWriteArrayList<>();
        List<String> serviceFilter = new CopyOnWriteArrayList<>();
        Map<String, String> seen = new ConcurrentHashMap<>();
        ListAppender<ILoggingEvent> logs = capture("chassis.access", "io.chassis.core.http");
        // A module of an earlier phase than tracing (OBSERVABILITY): its filter wraps the span.
        ChassisModule outermost = new ChassisModule() {
            @Override
            public String name() {
                return "outermost";
            }

            @Override
            public ModulePhase phase() {
                return ModulePhase.LOGGING;
            }

            @Override
            public void configure(ModuleContext context) {
                context.http().filter((ctx, next) -> {
                    outsideSpan.add(String.valueOf(MDC.get("trace_id")));
                    Object result = next.proceed();
                    outsideSpan.add(String.valueOf(MDC.get("trace_id")));
                    return result;
                });
            }
        };
        TestResponse first;
        TestResponse boom;
        try (TestService app = TestService.start(tracingOnly(
                        "svc",
                        tracing,
                        config("chassis.http.worker-threads", 1, "chassis.tracing.response-header", "X-Trace-Id"))
                .module(outermost)
                .configure(a -> a.http()
                        .filter((ctx, next) -> {
                            serviceFilter.add(String.valueOf(MDC.get("trace_id")));
                            return next.proceed();
                        })
                        .get("/work", ctx -> {
                            seen.put("handler", MDC.get("trace_id"));
                            CompletableFuture.runAsync(
                                            () -> {
                                                seen.put("worker", MDC.get("trace_id"));
                                                seen.put("workerSpan", MDC.get("span_id"));
                                            },
                                            Traced.executor(tracing.tracer(), pool))
                                    .get();
                            seen.put(
                                    "workerAfter",
                                    String.valueOf(pool.submit(() -> MDC.get("trace_id"))
                                            .get()));
                            return Map.of();
                        })
                        .get("/boom", ctx -> {
                            throw new IllegalStateException("boom");
                        })))) {
            first = app.http().get("/work").send();
            app.http().get("/work").send();
            boom = app.http().get("/boom").send();
        } finally {
            pool.shutdown();
        }

        String traceId = first.header("X-Trace-Id").orElseThrow();
        assertThat(traceId).hasSize(32);
        assertThat(seen.get("handler")).hasSize(32);
        assertThat(seen.get("worker")).isEqualTo(seen.get("handler"));
        assertThat(seen.get("workerSpan")).hasSize(16);
        assertThat(seen.get("workerAfter")).isEqualTo("null");
        assertThat(outsideSpan).containsOnly("null"); // before and after the span, on one pooled thread
        assertThat(serviceFilter)
                .as("the service's own filters run inside the span")
                .contains(traceId);
        assertThat(serviceFilter).doesNotContain("null");
        String boomTrace = boom.header("X-Trace-Id").orElseThrow();
        assertThat(logs.list)
                .filteredOn(e -> e.getLoggerName().equals("chassis.access"))
                .extracting(e -> e.getMDCPropertyMap().get("trace_id"))
                .hasSize(3)
                .contains(traceId, boomTrace);
        assertThat(logs.list)
                .filteredOn(e -> e.getLoggerName().equals("io.chassis.core.http"))
                .singleElement()
                .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("trace_id", boomTrace));
        assertThat(sink.span("GET /boom").path("traceId").asText()).isEqualTo(boomTrace);
    }

    @Test
    void clientCallsCarryTheContextInEveryConfiguredFormat() throws Exception {
        String echoed;
        try (TestService b = TestService.start(tracingOnly("b", config()).configure(a -> a.http()
                .get("/echo", ctx -> headersOf(ctx.unsafeExchange().getRequestHeaders()))))) {
            try (TestService a = TestService.start(tracingOnly(
                            "a",
                            config(
                                    "chassis.tracing.propagation.inject",
                                    List.of("w3c", "b3", "b3-single", "jaeger"),
                                    "chassis.clients.b.base-url",
                                    "http://127.0.0.1:" + b.app().httpPort()))
                    .configure(app -> {
                        ChassisHttpClient client = app.clients().http("b");
                        app.http().get("/call", ctx -> client.get("/echo").send(Map.class));
                    }))) {
                echoed = a.http().get("/call").send().body();
            }
        }

        JsonNode server = sink.span("GET /call");
        JsonNode call = sink.zipkinSpans().stream()
                .filter(s -> s.path("kind").asText().equals("CLIENT"))
                .findFirst()
                .orElseThrow();
        assertThat(call.path("name").asText()).isEqualToIgnoringCase("GET /echo");
        String trace = server.path("traceId").asText();
        String clientSpan = call.path("id").asText();
        assertThat(call.path("parentId").asText()).isEqualTo(server.path("id").asText());
        assertThat(call.path("tags").path("peer.service").asText()).isEqualTo("b");
        assertThat(echoed)
                .contains("00-" + trace + "-" + clientSpan + "-01")
                .contains(trace + "-" + clientSpan + "-1")
                .contains("\"X-B3-SpanId\":\"" + clientSpan + "\"")
                .contains(trace + ":" + clientSpan + ":");
        JsonNode bServer = sink.zipkinSpans().stream()
                .filter(s -> s.path("kind").asText().equals("SERVER")
                        && s.path("localEndpoint").path("serviceName").asText().equals("b"))
                .findFirst()
                .orElseThrow();
        assertThat(bServer.path("traceId").asText()).isEqualTo(trace);
        assertThat(bServer.path("parentId").asText()).isEqualTo(clientSpan);
    }

    @Test
    void theCallersTracestateIsPassedOnToOutgoingCallsUnchanged() throws Exception {
        String traceState = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";
        TracingModule tracing = TracingModule.create();
        TestResponse injected;
        try (HeaderRecorder downstream = HeaderRecorder.start()) {
            try (TestService app = TestService.start(tracingOnly(
                            "svc", tracing, config("chassis.clients.next.base-url", downstream.baseUrl()))
                    .configure(a -> {
                        ChassisHttpClient next = a.clients().http("next");
                        a.http().get("/call", ctx -> {
                            next.get("/next").send();
                            // what service code that injects the active span itself writes
                            Map<String, String> headers = new HashMap<>();
                            tracing.tracer()
                                    .inject(
                                            tracing.tracer().activeSpan().context(),
                                            Format.Builtin.HTTP_HEADERS,
                                            new TextMapAdapter(headers));
                            return headers;
                        });
                    }))) {
                injected = app.http()
                        .get("/call")
                        .header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")
                        .header("tracestate", traceState)
                        .send()
                        .expectStatus(200);
            }

            assertThat(downstream.requests()).singleElement().satisfies(call -> {
                assertThat(call.path()).isEqualTo("/next");
                assertThat(call.headers()).containsEntry("tracestate", traceState);
                assertThat(call.headers().get("traceparent"))
                        .startsWith("00-" + TRACE + "-")
                        .doesNotContain(CALLER_SPAN)
                        .endsWith("-01");
            });
        }
        injected.expectJson("/tracestate", traceState);
        assertThat(injected.json("/traceparent"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("00-" + TRACE + "-"));
    }

    @Test
    void spansThatCannotBeSentAreCountedAsDroppedAndRequestsStillSucceed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Counter dropped;
        try (TestService app = TestService.start(tracingOnly(
                        "svc",
                        config(
                                "chassis.tracing.reporter.zipkin.endpoint",
                                "http://127.0.0.1:" + closedPort + "/api/v2/spans",
                                "chassis.tracing.reporter.queue-size",
                                1,
                                "chassis.tracing.reporter.flush-interval",
                                "10ms"))
                .configure(a -> a.http().get("/x", ctx -> Map.of())))) {
            dropped = app.app().metrics().get("chassis.tracing.spans.dropped").counter();

            for (int i = 0; i < 20; i++) {
                app.http().get("/x").send().expectStatus(200);
            }
        }

        assertThat(dropped.count()).isPositive();
    }

    private static Map<String, String> headersOf(io.undertow.util.HeaderMap headers) {
        Map<String, String> out = new HashMap<>();
        headers.forEach(v -> out.put(v.getHeaderName().toString(), v.getFirst()));
        return out;
    }

    private static ListAppender<ILoggingEvent> capture(String... loggers) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        for (String name : loggers) {
            ((Logger) LoggerFactory.getLogger(name)).addAppender(appender);
        }
        return appender;
    }
}
