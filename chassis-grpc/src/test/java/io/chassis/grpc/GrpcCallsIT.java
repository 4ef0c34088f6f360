package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.grpc.test.v1.EchoReply;
import io.chassis.grpc.test.v1.EchoRequest;
import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.chassis.grpc.test.v1.RepeatRequest;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four call kinds through the chassis interceptors: request id, metrics, access log. */
class GrpcCallsIT {

    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    static final String SERVICE = "chassis.test.v1.EchoService";

    static GrpcService grpc;

    @BeforeAll
    static void start() {
        grpc = GrpcService.start(GrpcService.builder(g -> g.service(new Echo())));
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

    @Test
    void servesUnaryCalls() {
        EchoReply reply = blocking().echo(text("hello"));

        assertThat(reply.getText()).isEqualTo("hello");
    }

    @Test
    void servesServerStreamingCalls() {
        Iterator<EchoReply> replies = blocking()
                .repeat(RepeatRequest.newBuilder().setText("again").setTimes(3).build());

        List<String> seen = new ArrayList<>();
        replies.forEachRemaining(r -> seen.add(r.getText() + r.getIndex()));
        assertThat(seen).containsExactly("again0", "again1", "again2");
    }

    @Test
    void servesClientStreamingCalls() throws Exception {
        CompletableFuture<EchoReply> result = new CompletableFuture<>();
        StreamObserver<EchoRequest> requests =
                EchoServiceGrpc.newStub(grpc.channel()).collect(new Collecting<>(result));

        requests.onNext(text("a"));
        requests.onNext(text("b"));
        requests.onNext(text("c"));
        requests.onCompleted();

        EchoReply reply = result.get(30, TimeUnit.SECONDS);
        assertThat(reply.getText()).isEqualTo("a,b,c");
        assertThat(reply.getIndex()).isEqualTo(3);
    }

    @Test
    void servesBidiStreamingCalls() throws Exception {
        List<String> seen = new ArrayList<>();
        CompletableFuture<EchoReply> done = new CompletableFuture<>();
        StreamObserver<EchoRequest> requests = EchoServiceGrpc.newStub(grpc.channel())
                .chat(new StreamObserver<>() {
                    @Override
                    public void onNext(EchoReply reply) {
                        synchronized (seen) {
                            seen.add(reply.getText() + reply.getIndex());
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });

        requests.onNext(text("x"));
        requests.onNext(text("y"));
        requests.onCompleted();

        done.get(30, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("x0", "y1");
    }

    @Test
    void acceptsASafeRequestIdAndEchoesItInTheResponseHeaders() {
        Metadata headers = new Metadata();
        headers.put(REQUEST_ID, "grpc-req-1");
        AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();

        EchoReply reply = blocking()
                .withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(headers),
                        MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, trailers))
                .echo(text("id"));

        assertThat(reply.getRequestId()).isEqualTo("grpc-req-1");
        assertThat(responseHeaders.get().get(REQUEST_ID)).isEqualTo("grpc-req-1");
    }

    @Test
    void generatesARequestIdWhenNoneOrAnUnsafeOneIsSent() {
        Metadata unsafe = new Metadata();
        unsafe.put(REQUEST_ID, "bad id\"with quotes");
        AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();

        EchoReply none = blocking()
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, trailers))
                .echo(text("none"));
        String echoedForNone = responseHeaders.get().get(REQUEST_ID);
        EchoReply replaced = blocking()
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(unsafe))
                .echo(text("unsafe"));

        assertThat(none.getRequestId()).matches("[0-9a-f]{32}");
        assertThat(echoedForNone).isEqualTo(none.getRequestId());
        assertThat(replaced.getRequestId()).matches("[0-9a-f]{32}");
    }

    @Test
    void echoesTheRequestIdInTheTrailersOfATrailersOnlyError() {
        Metadata headers = new Metadata();
        headers.put(REQUEST_ID, "grpc-err-1");
        AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();

        try {
            blocking()
                    .withInterceptors(
                            MetadataUtils.newAttachHeadersInterceptor(headers),
                            MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, trailers))
                    .echo(text("not-found"));
        } catch (io.grpc.StatusRuntimeException expected) {
            // asserted below
        }

        assertThat(trailers.get().get(REQUEST_ID)).isEqualTo("grpc-err-1");
    }

    @Test
    void writesTheRequestIdOnceIntoTheJsonLinesOfTheCallAndTheAccessLog() {
        Metadata headers = new Metadata();
        headers.put(REQUEST_ID, "grpc-log-1");

        try (JsonLog log = JsonLog.capture("chassis.access", "test.echo")) {
            blocking()
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .echo(text("logged"));

            JsonNode handlerLine = single(log.lines("test.echo"), "echoing logged");
            assertThat(handlerLine.path("request_id").asText()).isEqualTo("grpc-log-1");
            JsonNode access = accessLine(log, "grpc-log-1");
            assertThat(access.path("protocol").asText()).isEqualTo("grpc");
        }
    }

    @Test
    void logsOneAccessLineWithTheCallsFields() {
        Metadata headers = new Metadata();
        headers.put(REQUEST_ID, "grpc-access-1");

        try (JsonLog log = JsonLog.capture("chassis.access")) {
            Iterator<EchoReply> replies = blocking()
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .repeat(RepeatRequest.newBuilder().setText("r").setTimes(2).build());
            replies.forEachRemaining(r -> {});

            JsonNode line = accessLine(log, "grpc-access-1");
            assertThat(line.path("message").asText()).isEqualTo("call");
            assertThat(line.path("protocol").asText()).isEqualTo("grpc");
            assertThat(line.path("rpc_service").asText()).isEqualTo(SERVICE);
            assertThat(line.path("rpc_method").asText()).isEqualTo("Repeat");
            assertThat(line.path("rpc_type").asText()).isEqualTo("SERVER_STREAMING");
            assertThat(line.path("grpc_status").asText()).isEqualTo("OK");
            assertThat(line.path("remote").asText()).isEqualTo("127.0.0.1");
            assertThat(line.path("messages_in").asInt()).isEqualTo(1);
            assertThat(line.path("messages_out").asInt()).isEqualTo(2);
            assertThat(line.has("duration_ms")).isTrue();
        }
    }

    @Test
    void publishesCallTimersTaggedByServiceMethodTypeAndStatus() {
        blocking().echo(text("metered"));
        try {
            blocking().echo(text("not-found"));
        } catch (io.grpc.StatusRuntimeException expected) {
            // counted below
        }

        String metrics =
                grpc.service().admin().get("/metrics").send().expectStatus(200).body();

        assertThat(countLine(metrics, "Echo", "UNARY", "OK")).isNotNull();
        assertThat(countLine(metrics, "Echo", "UNARY", "NOT_FOUND")).isNotNull();
        assertThat(metrics)
                .contains("grpc_server_messages_received_total{")
                .contains("grpc_server_messages_sent_total{");
    }

    /** @return the {@code grpc_server_requests_seconds_count} line with these tags, or null */
    static String countLine(String metrics, String method, String type, String status) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith("grpc_server_requests_seconds_count{")
                    && line.contains("rpc_service=\"" + SERVICE + "\"")
                    && line.contains("rpc_method=\"" + method + "\"")
                    && line.contains("rpc_type=\"" + type + "\"")
                    && line.contains("rpc_status=\"" + status + "\"")) {
                return line;
            }
        }
        return null;
    }

    /** The access line of the call with this request id; the access log is written as the call closes. */
    static JsonNode accessLine(JsonLog log, String requestId) {
        List<JsonNode> lines = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
            lines.clear();
            log.lines("chassis.access").stream()
                    .filter(l -> l.path("request_id").asText().equals(requestId))
                    .forEach(lines::add);
            return !lines.isEmpty();
        });
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static JsonNode single(List<JsonNode> lines, String message) {
        List<JsonNode> matching = lines.stream()
                .filter(l -> l.path("message").asText().equals(message))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    /** Completes {@code result} with the single response of a call. */
    static final class Collecting<T> implements StreamObserver<T> {
        private final CompletableFuture<T> result;
        private T value;

        Collecting(CompletableFuture<T> result) {
            this.result = result;
        }

        @Override
        public void onNext(T v) {
            value = v;
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            result.complete(value);
        }
    }
}
