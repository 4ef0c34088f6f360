package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import io.chassis.core.client.ClientRejectedException;
import io.chassis.core.client.ClientTimeoutException;
import io.chassis.core.http.HttpProblem;
import io.chassis.grpc.test.v1.EchoReply;
import io.chassis.grpc.test.v1.EchoRequest;
import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.chassis.grpc.test.v1.RepeatRequest;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a failing call gives the client, and what it leaves in the log. */
class GrpcFailuresIT {

    static final String ERRORS = "io.chassis.grpc.internal.ErrorInterceptor";
    static final Echo ECHO = new Echo();

    static GrpcService grpc;

    @BeforeAll
    static void start() {
        grpc = GrpcService.start(GrpcService.builder(g -> g.service(ECHO).interceptor(new ProblemThrowing()))
                .configOverride("chassis.grpc.max-inbound-message-size", "1KiB"));
    }

    @AfterAll
    static void stop() {
        grpc.close();
    }

    EchoServiceGrpc.EchoServiceBlockingStub blocking() {
        return EchoServiceGrpc.newBlockingStub(grpc.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).build();
    }

    StatusRuntimeException failing(String text, Metadata headers) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> blocking()
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .echo(text(text)));
    }

    static Metadata requestId(String id) {
        Metadata headers = new Metadata();
        headers.put(GrpcCallsIT.REQUEST_ID, id);
        return headers;
    }

    @Test
    void anEscapingExceptionIsInternalWithAGenericMessageAndLoggedOnceWithItsStackTrace() {
        try (JsonLog log = JsonLog.capture(ERRORS, "io.grpc")) {

            StatusRuntimeException e = failing("boom", requestId("boom-1"));

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(e.getStatus().getDescription())
                    .isEqualTo("The server failed to handle the call. Quote request id boom-1 when reporting it.");
            assertThat(e.getStatus().getCause()).isNull(); // nothing of the server's exception crosses the wire
            assertThat(e.getTrailers().keys()).noneMatch(k -> k.contains("stack"));
            assertThat(e.toString()).doesNotContain("secret internal detail");
            List<JsonNode> errors = log.lines(ERRORS);
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).path("message").asText())
                    .isEqualTo("Unhandled exception in gRPC call chassis.test.v1.EchoService/Echo");
            assertThat(errors.get(0).path("request_id").asText()).isEqualTo("boom-1");
            assertThat(errors.get(0).path("stack_trace").asText())
                    .contains("IllegalStateException: secret internal detail")
                    .contains("Echo.echo");
            assertThat(log.lines("io.grpc")).isEmpty(); // grpc-java did not log it a second time
        }
    }

    @Test
    void anExceptionHandedToOnErrorOfAStreamIsTreatedTheSame() {
        try (JsonLog log = JsonLog.capture(ERRORS)) {

            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> blocking()
                    .repeat(RepeatRequest.newBuilder()
                            .setText("fail")
                            .setTimes(1)
                            .build())
                    .forEachRemaining(r -> {}));

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(e.getStatus().getDescription()).startsWith("The server failed to handle the call.");
            assertThat(log.lines(ERRORS)).hasSize(1);
        }
    }

    @Test
    void aStatusRuntimeExceptionPassesThroughUnlogged() {
        try (JsonLog log = JsonLog.capture(ERRORS)) {

            StatusRuntimeException e = failing("not-found", new Metadata());

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).isEqualTo("no such echo");
            assertThat(log.lines(ERRORS)).isEmpty();
        }
    }

    @Test
    void grpcErrorsCarryBadRequestFieldViolationsTheClientCanRead() throws Exception {
        StatusRuntimeException e = failing("invalid", new Metadata());

        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
        assertThat(status.getMessage()).isEqualTo("The request is invalid.");
        assertThat(status.getDetailsList()).hasSize(1);
        BadRequest badRequest = status.getDetails(0).unpack(BadRequest.class);
        assertThat(badRequest.getFieldViolationsList()).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("text");
            assertThat(v.getDescription()).isEqualTo("must not be 'invalid'");
        });
    }

    @Test
    void anHttpProblemThrownInAGrpcCallGivesTheEquivalentStatus() {
        StatusRuntimeException notFound = failing("problem-404", new Metadata());
        StatusRuntimeException tooMany = failing("problem-429", new Metadata());

        assertThat(notFound.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(notFound.getStatus().getDescription()).isEqualTo("no such order");
        assertThat(tooMany.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        com.google.rpc.Status rich = StatusProto.fromThrowable(tooMany);
        assertThat(rich.getDetailsList()).singleElement().satisfies(any -> assertThat(
                        any.unpack(com.google.rpc.RetryInfo.class)
                                .getRetryDelay()
                                .getSeconds())
                .isEqualTo(2));
    }

    @Test
    void aNamedClientsFailureGivesTheStatusEquivalentToItsHttpProblemInOneWarnLine() throws Exception {
        try (JsonLog log = JsonLog.capture(ERRORS)) {

            StatusRuntimeException timeout = failing("client-timeout", new Metadata());
            StatusRuntimeException rejected = failing("client-rejected", new Metadata());

            assertThat(timeout.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(timeout.getStatus().getDescription())
                    .isEqualTo("A service this one depends on did not answer in time.");
            assertThat(rejected.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(StatusProto.fromThrowable(rejected)
                            .getDetails(0)
                            .unpack(com.google.rpc.RetryInfo.class)
                            .getRetryDelay()
                            .getSeconds())
                    .isEqualTo(1); // chassis.http.retry-after
            List<JsonNode> lines = log.lines(ERRORS);
            assertThat(lines).hasSize(2).allSatisfy(l -> {
                assertThat(l.has("stack_trace")).isFalse();
            });
            assertThat(lines.get(0).path("message").asText())
                    .isEqualTo(
                            "chassis.test.v1.EchoService/Echo answered DEADLINE_EXCEEDED: payments: GET /payments/{id} timed out");
        }
    }

    @Test
    void aMessageLargerThanTheInboundLimitIsResourceExhaustedWithoutAWarningInTheLog() {
        JsonLog log = JsonLog.capture("io.grpc", "chassis.access");
        EchoRequest big = EchoRequest.newBuilder()
                .setText("big")
                .setPayload(ByteString.copyFrom(new byte[2048]))
                .build();

        StatusRuntimeException e = catchThrowableOfType(
                StatusRuntimeException.class, () -> blocking().echo(big));
        EchoReply small = blocking().echo(text("small"));

        log.close();

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(small.getText()).isEqualTo("small");
        assertThat(log.lines("io.grpc"))
                .as("the client's mistake is not a warning of this service")
                .isEmpty();
    }

    @Test
    void aPassedDeadlineIsDeadlineExceededForTheClientAndCancelsTheServersContext() throws Exception {
        // an answered call first, so the deadline expires in the handler, not before a cold call reaches it
        assertThat(blocking().echo(text("warm")).getText()).isEqualTo("warm");
        StatusRuntimeException e =
                catchThrowableOfType(StatusRuntimeException.class, () -> EchoServiceGrpc.newBlockingStub(grpc.channel())
                        .withDeadlineAfter(1, TimeUnit.SECONDS)
                        .echo(text("wait-for-cancel")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        // Whether the server's own deadline timer or the client's RST_STREAM comes first is a race
        // (the cause is a TimeoutException or CANCELLED); either way the handler must see it.
        assertThat(ECHO.cancelled.await(30, TimeUnit.SECONDS))
                .as("the handler saw its Context cancelled")
                .isTrue();
    }

    @Test
    void theErrorLoggerIsAtErrorLevel() {
        assertThat(((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ERRORS))
                        .isEnabledFor(Level.ERROR))
                .isTrue();
    }

    /** An application interceptor whose handler throws HttpProblems for texts problem-404 and problem-429. */
    static final class ProblemThrowing implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            ServerCall.Listener<Q> listener = next.startCall(call, headers);
            return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
                @Override
                public void onMessage(Q message) {
                    if (message instanceof EchoRequest request) {
                        if (request.getText().equals("problem-404")) {
                            throw HttpProblem.notFound("no such order");
                        }
                        if (request.getText().equals("client-timeout")) {
                            throw new ClientTimeoutException("payments", "GET", "/payments/{id}", "timed out", null);
                        }
                        if (request.getText().equals("client-rejected")) {
                            throw new ClientRejectedException(
                                    "payments",
                                    "GET",
                                    "/payments/{id}",
                                    "open circuit",
                                    new IllegalStateException("breaker payments is OPEN"));
                        }
                        if (request.getText().equals("problem-429")) {
                            throw HttpProblem.tooManyRequests("slow down", java.time.Duration.ofSeconds(2));
                        }
                    }
                    super.onMessage(message);
                }
            };
        }
    }
}
