package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.grpc.test.v1.EchoRequest;
import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.chassis.grpc.test.v1.RepeatRequest;
import io.chassis.testing.TestKeys;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** chassis.access on gRPC methods: the same rules and authenticators as HTTP routes. */
class GrpcAccessIT {

    static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    static GrpcService start() {
        return GrpcService.start(GrpcService.builder(g -> g.service(new Echo()))
                .module(TestKeys.inHeader("x-api-key")
                        .key("key-alice", "alice", Set.of("echo.stream"), Set.of())
                        .key("key-bob", "bob", Set.of(), Set.of()))
                .configOverride(
                        "chassis.access.rules",
                        Map.of("\"chassis.test.v1.EchoService/Repeat\"", Map.of("scopes", List.of("echo.stream")))));
    }

    static EchoServiceGrpc.EchoServiceBlockingStub stub(GrpcService grpc, String key) {
        var stub = EchoServiceGrpc.newBlockingStub(grpc.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
        if (key == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(API_KEY, key);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static String echo(GrpcService grpc, String key, String text) {
        return stub(grpc, key)
                .echo(EchoRequest.newBuilder().setText(text).build())
                .getText();
    }

    @Test
    void aCallWithoutCredentialsIsUnauthenticatedWithAChallengeAndTheMethodNeverRuns() throws Exception {
        try (GrpcService grpc = start();
                JsonLog log = JsonLog.capture("chassis.access", "test.echo")) {
            StatusRuntimeException refused =
                    catchThrowableOfType(StatusRuntimeException.class, () -> echo(grpc, null, "hello"));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(refused.getStatus().getDescription()).contains("needs authentication");
            assertThat(refused.getTrailers().get(AuthInterceptorKeys.CHALLENGE)).isEqualTo("ApiKey");
            assertThat(log.lines("test.echo")).as("the method never ran").isEmpty();
            assertThat(log.lines("chassis.access")).singleElement().satisfies(line -> assertThat(
                            line.path("grpc_status").asText())
                    .isEqualTo("UNAUTHENTICATED"));
        }
    }

    @Test
    void anUnknownKeyIsUnauthenticatedWithTheSchemesReason() throws Exception {
        try (GrpcService grpc = start()) {
            StatusRuntimeException refused =
                    catchThrowableOfType(StatusRuntimeException.class, () -> echo(grpc, "stolen", "hello"));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(refused.getStatus().getDescription()).isEqualTo("the API key is not known");
            assertThat(refused.getTrailers().get(AuthInterceptorKeys.CHALLENGE))
                    .isEqualTo("ApiKey error=\"invalid_token\", error_description=\"the API key is not known\"");
        }
    }

    @Test
    void theServiceSeesThePrincipalAndTheAccessLineCarriesTheSubject() throws Exception {
        try (GrpcService grpc = start();
                JsonLog log = JsonLog.capture("chassis.access")) {
            assertThat(echo(grpc, "key-bob", "whoami")).isEqualTo("bob");

            JsonNode line = log.lines("chassis.access").get(0);
            assertThat(line.path("grpc_status").asText()).isEqualTo("OK");
            assertThat(line.path("subject").asText()).isEqualTo("bob");
        }
    }

    @Test
    void aMethodNeedingAScopeIsPermissionDeniedWithoutItAndStreamsWithIt() throws Exception {
        try (GrpcService grpc = start()) {
            RepeatRequest request =
                    RepeatRequest.newBuilder().setText("x").setTimes(3).build();
            StatusRuntimeException denied = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> stub(grpc, "key-bob").repeat(request).forEachRemaining(r -> {}));

            assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(denied.getStatus().getDescription()).contains("echo.stream");
            int[] count = {0};
            stub(grpc, "key-alice").repeat(request).forEachRemaining(r -> count[0]++);
            assertThat(count[0]).isEqualTo(3);
        }
    }

    @Test
    void healthFollowsItsOwnRulesNotTheApplications() throws Exception {
        try (GrpcService grpc = start()) {
            assertThat(GrpcHealthIT.check(grpc, "")).isEqualTo(ServingStatus.SERVING);
            assertThat(GrpcHealthIT.check(grpc, "chassis.test.v1.EchoService")).isEqualTo(ServingStatus.SERVING);
        }
    }

    static TestKeys bearer() {
        return TestKeys.inHeader("authorization").key("Bearer t-alice", "alice", Set.of(), Set.of());
    }

    @Test
    void aClientWithForwardTokenCarriesTheServedCallsTokenFromGrpcAndFromHttpAndOthersDoNot() throws Exception {
        try (GrpcService backend = GrpcService.start(
                GrpcService.builder(g -> g.service(new Echo())).name("backend").module(bearer()))) {
            for (boolean forward : new boolean[] {true, false}) {
                GrpcClientsIT.Front front = new GrpcClientsIT.Front();
                var builder = GrpcService.builder(g -> {
                            front.grpc = g;
                            g.service(front);
                        })
                        .name("front")
                        .module(bearer())
                        .configOverride("chassis.grpc.clients.backend.target", "static:///127.0.0.1:" + backend.port())
                        .configOverride("chassis.grpc.clients.backend.forward-token", forward)
                        .configure(app -> app.http().get("/whoami", ctx -> {
                            try {
                                return EchoServiceGrpc.newBlockingStub(front.grpc.client("backend"))
                                        .echo(EchoRequest.newBuilder()
                                                .setText("whoami")
                                                .build())
                                        .getText();
                            } catch (StatusRuntimeException e) {
                                return e.getStatus().getCode().name();
                            }
                        }));
                try (GrpcService service = GrpcService.start(builder)) {
                    Metadata headers = new Metadata();
                    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer t-alice");
                    var stub = EchoServiceGrpc.newBlockingStub(service.channel())
                            .withDeadlineAfter(30, TimeUnit.SECONDS)
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
                    String http = service.service()
                            .http()
                            .get("/whoami")
                            .header("Authorization", "Bearer t-alice")
                            .send()
                            .expectStatus(200)
                            .body();
                    if (forward) {
                        assertThat(stub.echo(EchoRequest.newBuilder()
                                                .setText("whoami")
                                                .build())
                                        .getText())
                                .as("gRPC to gRPC")
                                .isEqualTo("alice");
                        assertThat(http).as("HTTP to gRPC").isEqualTo("\"alice\"");
                    } else {
                        StatusRuntimeException refused = catchThrowableOfType(
                                StatusRuntimeException.class,
                                () -> stub.echo(EchoRequest.newBuilder()
                                        .setText("whoami")
                                        .build()));
                        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                        assertThat(http).isEqualTo("\"UNAUTHENTICATED\"");
                    }
                }
            }
        }
    }

    @Test
    void throughTheGatewayTheHttpRuleAndThenTheMethodsRuleApplyAndEitherRefusalIs401WithAChallenge() throws Exception {
        var builder = GrpcService.builder(g -> g.service(new LibraryServiceImpl()))
                .module(bearer())
                .configOverride(
                        "chassis.access.rules",
                        Map.of(
                                "\"GET /v1/shelves/{shelf}/books/{book}\"",
                                "public",
                                "\"chassis.test.v1.LibraryService/GetBook\"",
                                "authenticated"));
        try (GrpcService grpc = GrpcService.start(builder)) {
            // the HTTP rule (by the route's template, as in the metrics' uri tag) lets it in; the method's rule refuses
            // it
            grpc.service()
                    .http()
                    .get("/v1/shelves/1/books/2")
                    .send()
                    .expectStatus(401)
                    .expectContentType("application/problem+json")
                    .expectHeader("WWW-Authenticate", "ApiKey")
                    .expectJson("/grpcStatus", "UNAUTHENTICATED");
            // no rule for this route: the default (authenticated) refuses it on the HTTP side
            grpc.service()
                    .http()
                    .get("/v1/shelves/1/books")
                    .send()
                    .expectStatus(401)
                    .expectHeader("WWW-Authenticate", "ApiKey");
            grpc.service()
                    .http()
                    .get("/v1/shelves/1/books/2")
                    .header("Authorization", "Bearer t-alice")
                    .send()
                    .expectStatus(200);
        }
    }
}
