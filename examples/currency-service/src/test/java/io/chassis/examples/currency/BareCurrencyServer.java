package io.chassis.examples.currency;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * CurrencyServiceImpl on a plain grpc-java Netty server, with health and reflection v1 as the
 * packaged service has them: what InteropIT calls until chassis-grpc exists.
 *
 * <p>AFTER-MERGE (chassis-grpc): delete this class once InteropIT starts {@link PackagedService}.
 */
final class BareCurrencyServer implements CurrencyEndpoint {

    private final Server server;

    private BareCurrencyServer(Server server) {
        this.server = server;
    }

    /** Starts the server on an ephemeral loopback port. */
    static BareCurrencyServer start() throws IOException {
        CurrencyServiceImpl service = new CurrencyServiceImpl(Rates.fixed());
        HealthStatusManager health = new HealthStatusManager();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build()
                .start();
        health.setStatus(service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
        return new BareCurrencyServer(server);
    }

    @Override
    public int grpcPort() {
        return server.getPort();
    }

    @Override
    public void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
