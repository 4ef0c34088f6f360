package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.config.ConfigProblemsException;
import io.chassis.grpc.test.bad.v1.BadTemplateGrpc;
import io.chassis.grpc.test.bad.v1.CleanGrpc;
import io.chassis.grpc.test.bad.v1.GetWithBodyGrpc;
import io.chassis.grpc.test.bad.v1.NestedAdditionalGrpc;
import io.chassis.grpc.test.bad.v1.PathFieldNotScalarGrpc;
import io.chassis.grpc.test.bad.v1.StreamingRuleGrpc;
import io.chassis.grpc.test.bad.v1.TwoRulesOnePathGrpc;
import io.chassis.grpc.test.bad.v1.UnknownBodyFieldGrpc;
import io.chassis.grpc.test.bad.v1.UnknownPathFieldGrpc;
import io.chassis.grpc.test.bad.v1.UnknownResponseBodyGrpc;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import io.chassis.tracing.testing.SpanSink;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules checked at startup, the gateway's switches, and a gateway call seen once on each side. */
class GatewayRulesIT {

    private static ConfigProblemsException startFails(BindableService... services) {
        return catchThrowableOfType(
                ConfigProblemsException.class,
                () -> TestService.start(GrpcService.builder(g -> {
                            for (BindableService s : services) {
                                g.service(s);
                            }
                        })
                        .configOverride("chassis.grpc.port", 0)));
    }

    @Test
    void everyKindOfBadRuleIsReportedAtStartupAllAtOnce() {
        ConfigProblemsException e = startFails(
                new UnknownPathFieldGrpc.UnknownPathFieldImplBase() {},
                new PathFieldNotScalarGrpc.PathFieldNotScalarImplBase() {},
                new UnknownBodyFieldGrpc.UnknownBodyFieldImplBase() {},
                new UnknownResponseBodyGrpc.UnknownResponseBodyImplBase() {},
                new GetWithBodyGrpc.GetWithBodyImplBase() {},
                new BadTemplateGrpc.BadTemplateImplBase() {},
                new TwoRulesOnePathGrpc.TwoRulesOnePathImplBase() {},
                new StreamingRuleGrpc.StreamingRuleImplBase() {},
                new NestedAdditionalGrpc.NestedAdditionalImplBase() {},
                new CleanGrpc.CleanImplBase() {});

        assertThat(e.problems()).hasSize(10);
        assertThat(e.getMessage())
                .contains("chassis/test/v1/bad_rules.proto")
                .contains("chassis.test.bad.v1.UnknownPathField/Get (google.api.http)")
                .contains(
                        "'{nmae}' in '/v1/things1/{nmae}' names a field which chassis.test.bad.v1.Thing does not have")
                .contains(
                        "'{inner}' in '/v1/things2/{inner}' names a field 'inner' of message type chassis.test.bad.v1.Inner")
                .contains("body must be '*' or a top-level field of chassis.test.bad.v1.Thing, but was 'thing'")
                .contains("response_body must be a top-level field of chassis.test.bad.v1.Thing, but was 'nothing'")
                .contains("GET must not have a body, but the rule sets body: '*'")
                .contains("path template has an unclosed '{', but was '/v1/things6/{name'")
                .contains(
                        "must not bind GET /v1/same/{inner.value} again, but chassis.test.bad.v1.TwoRulesOnePath/First binds it already")
                .contains(
                        "chassis.test.bad.v1.StreamingRule/Upload (google.api.http) must not have a google.api.http rule,"
                                + " but it is a client-streaming method")
                .contains(
                        "chassis.test.bad.v1.StreamingRule/Chat (google.api.http) must not have a google.api.http rule,"
                                + " but it is a bidirectional-streaming method")
                .contains("call the method over gRPC")
                .contains("must not nest additional_bindings (additional_bindings[0])")
                .doesNotContain("chassis.test.bad.v1.Clean/");
    }

    @Test
    void aGatewayRouteThatTakesAHandWrittenRoutesPathIsAStartupProblem() {
        ConfigProblemsException e = catchThrowableOfType(
                ConfigProblemsException.class,
                () -> TestService.start(GrpcService.builder(g -> g.service(new CleanGrpc.CleanImplBase() {}))
                        .configOverride("chassis.grpc.port", 0)
                        .configure(app -> app.http().get("/v1/clean/{id}", ctx -> "hand"))));

        assertThat(e.getMessage())
                .contains("chassis.test.bad.v1.Clean/Get (google.api.http) must bind a path no other route has,"
                        + " but route GET /v1/clean/{name} matches the same paths as GET /v1/clean/{id}");
    }

    @Test
    void aDescriptorSetThatCannotBeReadIsAStartupProblemNamingTheEntry() {
        ConfigProblemsException e = catchThrowableOfType(
                ConfigProblemsException.class,
                () -> TestService.start(GatewayIT.library()
                        .configOverride(
                                "chassis.grpc.gateway.openapi.descriptor-sets",
                                List.of("classpath:no/such.desc", "/no/such/file.desc"))));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .contains("chassis.grpc.gateway.openapi.descriptor-sets[0] must name a readable descriptor set"
                        + " (no such resource on the class path)")
                .contains("chassis.grpc.gateway.openapi.descriptor-sets[1]")
                .contains("no such file");
    }

    @Test
    void theGatewayCanBeSwitchedOff() {
        try (TestService service =
                TestService.start(GatewayIT.library().configOverride("chassis.grpc.gateway.enabled", false))) {
            service.http().get("/v1/shelves/s1/books").send().expectStatus(404);
            service.admin().get("/openapi.json").send().expectStatus(404);
        }
    }

    @Test
    void unknownJsonFieldsAndQueryParametersAreRejectedWhenTheJsonSwitchSaysSo() {
        try (TestService service = TestService.start(
                GatewayIT.library().configOverride("chassis.json.fail-on-unknown-properties", true))) {
            service.http()
                    .post("/v1/inspect")
                    .json("{\"note\":\"x\",\"nonsense\":1}")
                    .send()
                    .expectStatus(400)
                    .expectBodyContains("nonsense");
            service.http()
                    .get("/v1/shelves/s1/books?utm_source=mail")
                    .send()
                    .expectStatus(400)
                    .expectJson(
                            "/detail",
                            "Query parameter 'utm_source' is not a field of chassis.test.v1.ListBooksRequest.");
        }
    }

    @Test
    void aRateLimitOnAGatewayRouteAnswers429BeforeTheServiceIsCalled() {
        LibraryServiceImpl library = new LibraryServiceImpl();
        try (TestService service = TestService.start(GrpcService.builder(g -> g.service(library))
                .configOverride("chassis.grpc.port", 0)
                .configOverride("chassis.resilience.rate-limiter.inspect.limit-for-period", 1)
                .configOverride("chassis.resilience.rate-limiter.inspect.limit-refresh-period", "1h")
                .configOverride(
                        "chassis.resilience.server.routes",
                        List.of(Map.of("route", "/v1/inspect", "rate-limiter", "inspect"))))) {
            service.http().post("/v1/inspect").json("{\"note\":\"a\"}").send().expectStatus(200);

            TestResponse refused =
                    service.http().post("/v1/inspect").json("{\"note\":\"b\"}").send();

            refused.expectStatus(429).expectHeader("Content-Type", "application/problem+json");
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(library.inspected.get())
                    .as("only the first call reached the service")
                    .isEqualTo(1);
            // another gateway route is not limited
            service.http().get("/v1/shelves/s1/books").send().expectStatus(200);
        }
    }

    @Test
    void theCallsResponseHeadersAndTrailersComeBackAsGrpcMetadataHeaders() {
        ServerInterceptor metadata = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                return next.startCall(
                        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                            @Override
                            public void sendHeaders(Metadata responseHeaders) {
                                responseHeaders.put(
                                        Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER), "library");
                                super.sendHeaders(responseHeaders);
                            }

                            @Override
                            public void close(Status status, Metadata trailers) {
                                trailers.put(Metadata.Key.of("x-books-left", Metadata.ASCII_STRING_MARSHALLER), "7");
                                super.close(status, trailers);
                            }
                        },
                        headers);
            }
        };
        LibraryServiceImpl library = new LibraryServiceImpl();
        try (TestService service =
                TestService.start(GrpcService.builder(g -> g.service(library).interceptor(metadata))
                        .configOverride("chassis.grpc.port", 0))) {
            service.http()
                    .get("/v1/shelves/s1/books")
                    .send()
                    .expectStatus(200)
                    .expectHeader("Grpc-Metadata-x-served-by", "library")
                    .expectHeader("Grpc-Metadata-x-books-left", "7");
            // a server stream: its headers are known before the first line, its trailers only after the last
            TestResponse stream = service.http()
                    .get("/v1/shelves/s1/books:stream?pageSize=2")
                    .send()
                    .expectStatus(200);
            assertThat(stream.header("Grpc-Metadata-x-served-by")).contains("library");
            assertThat(stream.body().lines()).hasSize(2);
        }
    }

    @Test
    void aBodyOverTheLimitIsA413BeforeTheServiceIsCalled() {
        LibraryServiceImpl library = new LibraryServiceImpl();
        try (TestService service = TestService.start(GrpcService.builder(g -> g.service(library))
                .configOverride("chassis.grpc.port", 0)
                .configOverride("chassis.http.max-body-size", "1KiB"))) {
            service.http()
                    .post("/v1/inspect")
                    .json("{\"note\":\"" + "x".repeat(2000) + "\"}")
                    .send()
                    .expectStatus(413);

            assertThat(library.inspected.get()).isZero();
        }
    }

    @Test
    void aGatewayCallIsLoggedTimedAndTracedOnceOnEachSide() throws Exception {
        try (SpanSink sink = SpanSink.start()) {
            List<JsonNode> lines;
            String requestId;
            String metrics;
            try (JsonLog log = JsonLog.capture("chassis.access");
                    TestService service = TestService.start(GatewayIT.library()
                            .name("gateway-traced")
                            .configOverride("chassis.tracing.enabled", true)
                            .configOverride("chassis.tracing.reporter.type", "zipkin")
                            .configOverride(
                                    "chassis.tracing.reporter.zipkin.endpoint",
                                    sink.uri("/api/v2/spans").toString())
                            .configOverride("chassis.tracing.reporter.flush-interval", "100ms"))) {
                requestId = service.http()
                        .get("/v1/shelves/s1/books")
                        .send()
                        .expectStatus(200)
                        .header("X-Request-Id")
                        .orElseThrow();
                metrics = service.admin().get("/metrics").send().body();
                lines = log.lines("chassis.access");
            }

            assertThat(lines)
                    .filteredOn(l -> requestId.equals(l.path("request_id").asText()))
                    .hasSize(2);
            JsonNode http =
                    lines.stream().filter(l -> l.has("route")).findFirst().orElseThrow();
            JsonNode grpc =
                    lines.stream().filter(l -> l.has("rpc_method")).findFirst().orElseThrow();
            assertThat(http.path("route").asText()).isEqualTo("/v1/shelves/{shelf}/books");
            assertThat(grpc.path("rpc_method").asText()).isEqualTo("ListBooks");
            assertThat(grpc.path("trace_id").asText())
                    .isNotBlank()
                    .isEqualTo(http.path("trace_id").asText());
            assertThat(metrics)
                    .containsPattern(
                            "http_server_requests_seconds_count\\{[^}]*uri=\"/v1/shelves/\\{shelf\\}/books\"[^}]*\\} 1(\\.0)?\\s")
                    .containsPattern(
                            "grpc_server_requests_seconds_count\\{[^}]*rpc_method=\"ListBooks\"[^}]*\\} 1(\\.0)?\\s");
            List<JsonNode> spans = sink.zipkinSpans();
            List<JsonNode> servers = spans.stream()
                    .filter(s -> "SERVER".equals(s.path("kind").asText()))
                    .toList();
            assertThat(servers).as("spans " + spans).hasSize(2);
            JsonNode httpSpan = servers.stream()
                    .filter(s -> s.path("name").asText().startsWith("get"))
                    .findFirst()
                    .orElseThrow();
            JsonNode grpcSpan = servers.stream()
                    .filter(s -> s.path("name").asText().contains("listbooks"))
                    .findFirst()
                    .orElseThrow();
            assertThat(grpcSpan.path("traceId").asText())
                    .isEqualTo(httpSpan.path("traceId").asText());
            assertThat(grpcSpan.path("parentId").asText())
                    .isEqualTo(httpSpan.path("id").asText());
            assertThat(spans)
                    .filteredOn(s -> "CLIENT".equals(s.path("kind").asText()))
                    .isEmpty();
        }
    }
}
