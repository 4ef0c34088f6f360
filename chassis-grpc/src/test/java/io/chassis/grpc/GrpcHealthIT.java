package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Health following readiness, reflection, and what the gRPC port does with non-gRPC bytes. */
class GrpcHealthIT {

    static HealthCheckResponse.ServingStatus check(GrpcService grpc, String service) {
        return HealthGrpc.newBlockingStub(grpc.channel())
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    static GrpcService start() {
        return GrpcService.start(GrpcService.builder(g -> g.service(new Echo())));
    }

    @Test
    void checkIsServingWhileRunningForTheServerAndEveryService() {
        try (GrpcService grpc = start()) {

            assertThat(check(grpc, "")).isEqualTo(ServingStatus.SERVING);
            assertThat(check(grpc, "chassis.test.v1.EchoService")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void checkOfAnUnknownServiceIsNotFound() {
        try (GrpcService grpc = start()) {

            StatusRuntimeException e =
                    catchThrowableOfType(StatusRuntimeException.class, () -> check(grpc, "no.such.Service"));

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Test
    void watchSeesNotServingWhenTheServiceShutsDown() throws Exception {
        GrpcService grpc = start();
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        HealthGrpc.newStub(grpc.channel())
                .watch(HealthCheckRequest.newBuilder().setService("").build(), new StreamObserver<>() {
                    @Override
                    public void onNext(HealthCheckResponse response) {
                        seen.add(response.getStatus());
                    }

                    @Override
                    public void onError(Throwable t) {
                        seen.add(Status.fromThrowable(t).getCode());
                    }

                    @Override
                    public void onCompleted() {
                        seen.add("completed");
                    }
                });
        assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

        grpc.service().close(); // the service stops, the client's channel stays open

        assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(seen.poll(30, TimeUnit.SECONDS))
                .as("the stream ended by the server, not held open through the drain")
                .isEqualTo(Status.Code.UNAVAILABLE);
        grpc.close();
    }

    @Test
    void reflectionV1ListsTheServices() throws Exception {
        try (GrpcService grpc = start()) {
            CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(grpc.channel())
                    .serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse response) {
                            answer.complete(response);
                        }

                        @Override
                        public void onError(Throwable t) {
                            answer.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {}
                    });

            requests.onNext(
                    ServerReflectionRequest.newBuilder().setListServices("").build());

            List<String> names = answer.get(30, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                    .map(ServiceResponse::getName)
                    .toList();
            requests.onCompleted();
            assertThat(names)
                    .contains(
                            "chassis.test.v1.EchoService",
                            "grpc.health.v1.Health",
                            "grpc.reflection.v1.ServerReflection");
        }
    }

    @Test
    void anHttp11RequestOnTheGrpcPortClosesTheConnectionAndTheServerStaysHealthy() throws Exception {
        try (GrpcService grpc = start();
                JsonLog log = JsonLog.capture("io.grpc")) {

            boolean closed = sendAndAwaitClose(
                    grpc.port(), "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(closed).isTrue();
            assertThat(check(grpc, "")).isEqualTo(ServingStatus.SERVING);
            // a hostile client cannot fill the log with stack traces: one DEBUG line at most
            assertThat(log.lines("io.grpc")).allSatisfy(line -> {
                assertThat(line.path("level").asText()).isEqualTo("DEBUG");
                assertThat(line.has("stack_trace")).isFalse();
            });
        }
    }

    @Test
    void garbageBytesOnTheGrpcPortCloseTheConnectionAndTheServerStaysHealthy() throws Exception {
        try (GrpcService grpc = start()) {
            byte[] garbage = new byte[256];
            new java.util.Random(12).nextBytes(garbage);

            boolean closed = sendAndAwaitClose(grpc.port(), garbage);

            assertThat(closed).isTrue();
            assertThat(check(grpc, "")).isEqualTo(ServingStatus.SERVING);
        }
    }

    /** @return true when the server closed the connection (end of stream or reset) after {@code bytes} */
    static boolean sendAndAwaitClose(int port, byte[] bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000); // fails the test instead of hanging; not a timing assertion
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            try {
                while (in.read(buffer) >= 0) {
                    // whatever the server says first (a GOAWAY frame), the connection must end
                }
            } catch (java.net.SocketException reset) {
                return true;
            }
            return true;
        }
    }
}
