package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.chassis.config.ConfigProblemsException;
import io.chassis.core.ChassisStartupException;
import io.chassis.core.spi.CallObserver;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ContextPropagator;
import io.chassis.core.spi.ModuleContext;
import io.chassis.grpc.test.v1.EchoReply;
import io.chassis.grpc.test.v1.EchoRequest;
import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.chassis.testing.TestService;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.slf4j.MDC;

/** Settings, application interceptors, call observers and context propagation. */
class GrpcWiringIT {

    @Test
    void invalidSettingsAreReportedTogetherInTheHouseFormat() {
        ConfigProblemsException e = catchThrowableOfType(
                ConfigProblemsException.class,
                () -> TestService.start(GrpcService.builder(g -> {})
                        .configOverride("chassis.grpc.port", 70000)
                        .configOverride("chassis.grpc.executor.queue", 0)
                        .configOverride("chassis.grpc.max-inbound-message-size", "0B")));

        assertThat(e.getMessage())
                .contains("chassis.grpc.port must be between 0 and 65535, but was '70000'. Use 0 for a free port.")
                .contains("chassis.grpc.executor.queue must be positive, but was '0'")
                .contains("chassis.grpc.max-inbound-message-size must be between 1B and 2GiB");
    }

    @Test
    void aTakenPortFailsTheStartNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {

            ChassisStartupException e = catchThrowableOfType(
                    ChassisStartupException.class,
                    () -> TestService.start(GrpcService.builder(g -> {})
                            .configOverride("chassis.grpc.host", "127.0.0.1")
                            .configOverride("chassis.grpc.port", taken.getLocalPort())));

            assertThat(e.getMessage())
                    .contains("cannot open the gRPC port (chassis.grpc.port=" + taken.getLocalPort() + ")")
                    .contains("Free the port or choose another one.");
        }
    }

    @Test
    void aTakenGrpcPortClosesTheHttpPortsThatOpenedAlongside() throws Exception {
        int http;
        int admin;
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            http = a.getLocalPort();
            admin = b.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // not TestService.start: it would put HTTP and admin on ports of its own choosing
            var builder = TestService.onLoopback(GrpcService.builder(g -> {}))
                    .http(h -> h.port(http))
                    .admin(a -> a.port(admin))
                    .configOverride("chassis.grpc.host", "127.0.0.1")
                    .configOverride("chassis.grpc.port", taken.getLocalPort());

            ChassisStartupException e = catchThrowableOfType(ChassisStartupException.class, builder::start);

            assertThat(e.getMessage()).contains("cannot open the gRPC port");
        }
        // both were bound while the gRPC port failed; a failed start leaves neither open (NIO releases a
        // closed listening socket on its selector's next turn, hence the wait)
        for (int port : new int[] {http, admin}) {
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(BindException.class)
                    .untilAsserted(() -> {
                        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                            assertThat(again.getLocalPort()).isEqualTo(port);
                        }
                    });
        }
    }

    @Test
    void aMisspelledKeyIsReported() {
        ConfigProblemsException e = catchThrowableOfType(
                ConfigProblemsException.class,
                () -> TestService.start(
                        GrpcService.builder(g -> {}).configOverride("chassis.grpc.max-inbound-mesage-size", "1MiB")));

        assertThat(e.getMessage()).contains("max-inbound-mesage-size");
    }

    @Test
    void disabledOpensNoPortButTheExtensionStillWorks() {
        try (TestService service = TestService.start(GrpcService.builder(g -> g.service(new Echo()))
                .configOverride("chassis.grpc.enabled", false)
                .configure(app -> assertThat(app.extension(Grpc.class).port()).isEqualTo(-1)))) {

            service.http().get("/nope").send().expectStatus(404);
        }
    }

    @Test
    void applicationInterceptorsRunInsideTheChassisOnesInTheOrderAdded() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (GrpcService grpc = GrpcService.start(GrpcService.builder(g ->
                g.service(new Echo()).interceptor(recording("first", seen)).interceptor(recording("second", seen))))) {
            Metadata headers = new Metadata();
            headers.put(GrpcCallsIT.REQUEST_ID, "order-1");

            EchoServiceGrpc.newBlockingStub(grpc.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .echo(EchoRequest.newBuilder().setText("x").build());

            assertThat(seen).containsExactly("first:order-1", "second:order-1");
        }
    }

    @Test
    void callObserversSeeEveryCallActiveOnItsCallbacksAndFinishedWithItsStatus() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (GrpcService grpc = GrpcService.start(
                GrpcService.builder(g -> g.service(new Echo())).module(observing(events)))) {

            EchoServiceGrpc.newBlockingStub(grpc.channel())
                    .echo(EchoRequest.newBuilder().setText("seen").build());
        }

        assertThat(events)
                .first()
                .isEqualTo("inbound chassis.test.v1.EchoService/Echo grpc "
                        + "{rpc.method=Echo, rpc.service=chassis.test.v1.EchoService, rpc.system=grpc}");
        assertThat(events.stream().filter(e -> e.startsWith("finish"))).containsExactly("finish OK false");
        assertThat(events.indexOf("activate"))
                .as("active during the handler's callbacks")
                .isBetween(1, events.indexOf("finish OK false"));
    }

    @Test
    void theCallsContextGoesAlongToThreadsOfTheContextPropagation() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (GrpcService grpc = GrpcService.start(GrpcService.builder(g -> {})
                .configure(app -> app.extension(Grpc.class).service(new EchoServiceGrpc.EchoServiceImplBase() {
                    @Override
                    public void echo(EchoRequest request, StreamObserver<EchoReply> reply) {
                        app.contextPropagation().wrap(pool).execute(() -> {
                            boolean hasDeadline = Context.current().getDeadline() != null;
                            reply.onNext(EchoReply.newBuilder()
                                    .setText("deadline=" + hasDeadline)
                                    .setRequestId(String.valueOf(MDC.get("request_id")))
                                    .build());
                            reply.onCompleted();
                        });
                    }
                })))) {
            Metadata headers = new Metadata();
            headers.put(GrpcCallsIT.REQUEST_ID, "hop-1");

            EchoReply reply = EchoServiceGrpc.newBlockingStub(grpc.channel())
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .echo(EchoRequest.newBuilder().setText("x").build());

            assertThat(reply.getText()).isEqualTo("deadline=true");
            assertThat(reply.getRequestId()).isEqualTo("hop-1");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void runsCallsOnVirtualThreadsWhenTheHttpSettingIsOn() {
        try (GrpcService grpc = GrpcService.start(GrpcService.builder(g -> {})
                .configOverride("chassis.http.virtual-threads", true)
                .configure(app -> app.extension(Grpc.class).service(new EchoServiceGrpc.EchoServiceImplBase() {
                    @Override
                    public void echo(EchoRequest request, StreamObserver<EchoReply> reply) {
                        reply.onNext(EchoReply.newBuilder()
                                .setText(Thread.currentThread().getName())
                                .build());
                        reply.onCompleted();
                    }
                })))) {

            EchoReply reply = EchoServiceGrpc.newBlockingStub(grpc.channel())
                    .echo(EchoRequest.newBuilder().setText("x").build());

            assertThat(reply.getText()).startsWith("chassis-grpc-vt-");
        }
    }

    private static ServerInterceptor recording(String name, List<String> seen) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                seen.add(name + ":" + MDC.get("request_id"));
                return next.startCall(call, headers);
            }
        };
    }

    private static ChassisModule observing(List<String> events) {
        CallObserver observer = new CallObserver() {
            @Override
            public Observed inbound(CallInfo call, Iterable<Map.Entry<String, String>> headers) {
                events.add("inbound " + call.operation() + " " + call.transport() + " "
                        + new java.util.TreeMap<>(call.tags()));
                return new Observed() {
                    @Override
                    public ContextPropagator.Restored activate() {
                        events.add("activate");
                        return () -> {};
                    }

                    @Override
                    public void tag(String key, String value) {}

                    @Override
                    public void failed(Throwable error) {
                        events.add("failed");
                    }

                    @Override
                    public void finish(String status, boolean error) {
                        events.add("finish " + status + " " + error);
                    }
                };
            }

            @Override
            public Observed outbound(CallInfo call, BiConsumer<String, String> header) {
                throw new UnsupportedOperationException();
            }
        };
        return new ChassisModule() {
            @Override
            public String name() {
                return "observing";
            }

            @Override
            public void configure(ModuleContext context) {
                context.addCallObserver(observer);
            }
        };
    }
}
