package io.chassis.grpc;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.testing.TestService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link TestService} whose gRPC port is ephemeral on loopback too, with a plaintext grpc-java
 * channel to it. The testing kit has no gRPC client (it must not depend on grpc), hence this helper.
 */
final class GrpcService implements AutoCloseable {

    private final TestService service;
    private final Grpc grpc;
    private final ManagedChannel channel;

    private GrpcService(TestService service, Grpc grpc) {
        this.service = service;
        this.grpc = grpc;
        this.channel = channel(grpc.port());
    }

    /**
     * @return a service named grpc-test that registers its gRPC services with {@code setup};
     *     tracing (on the test class path for GrpcClientsIT) is off unless a test turns it on
     */
    static ChassisBuilder builder(Consumer<Grpc> setup) {
        return Chassis.builder()
                .name("grpc-test")
                .configOverride("chassis.tracing.enabled", false)
                .configure(app -> setup.accept(app.extension(Grpc.class)));
    }

    /** Starts {@code builder} with the gRPC port on 127.0.0.1:0. */
    static GrpcService start(ChassisBuilder builder) {
        AtomicReference<Grpc> grpc = new AtomicReference<>();
        builder.configOverride("chassis.grpc.port", 0)
                .configOverride("chassis.grpc.host", "127.0.0.1")
                .configure(app -> grpc.set(app.extension(Grpc.class)));
        return new GrpcService(TestService.start(builder), grpc.get());
    }

    /** @return a new plaintext channel to {@code port} on loopback; the caller shuts it down */
    static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
    }

    TestService service() {
        return service;
    }

    int port() {
        return grpc.port();
    }

    ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
