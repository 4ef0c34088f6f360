package io.chassis.benchmarks;

import io.chassis.examples.currency.CurrencyServiceImpl;
import io.chassis.examples.currency.Rates;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The gRPC baseline: the currency example's {@link CurrencyServiceImpl} on a bare grpc-java Netty
 * server (grpc's default executor), no interceptors, no reflection, no chassis; only grpc-java's own
 * {@code grpc.health.v1.Health}, NOT_SERVING until the server has started and SERVING from then on,
 * so that {@code benchmarks/grpc.sh} can time startup-to-SERVING on both servers the same way.
 *
 * <p>Usage: {@code BareGrpcCurrency <port>}
 */
public final class BareGrpcCurrency {

    private BareGrpcCurrency() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(new CurrencyServiceImpl(Rates.fixed()))
                .addService(health.getHealthService())
                .build()
                .start();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        System.out.println("bare grpc-java currency service on port " + server.getPort());
        server.awaitTermination();
    }
}
