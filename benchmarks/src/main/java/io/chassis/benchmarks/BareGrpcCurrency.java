package io.chassis.benchmarks;

import io.chassis.examples.currency.CurrencyServiceImpl;
import io.chassis.examples.currency.Rates;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The gRPC baseline: the currency example's {@link CurrencyServiceImpl} on a bare grpc-java Netty
 * server (grpc's default executor), no interceptors, no reflection, no chassis; only grpc-java's own
 * {@code grpc.health.v1.Health}, NOT_SERVING until the server has started and SERVING from then on,
 * so that {@code benchmarks/grpc.sh} can time startup-to-SERVING on both servers the same way.
 *
 * <p>Usage: {@code BareGrpcCurrency <port> [threads]}: with {@code threads} ({@code 16}, or {@code
 * 8/core} for 8 per available processor, chassis-grpc's default size), the calls run on a fixed pool
 * of that many threads instead of grpc's default executor (an unbounded cached pool).
 */
public final class BareGrpcCurrency {

    private BareGrpcCurrency() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? threads(args[1]) : 0;
        Server server = serve(port, threads);
        System.out.println("bare grpc-java currency service on port " + server.getPort()
                + (threads == 0 ? ", grpc's default executor" : ", " + threads + " threads"));
        server.awaitTermination();
    }

    /**
     * Starts the currency service, grpc-java's health (NOT_SERVING until the server has started,
     * SERVING from then on) and {@code more} on 127.0.0.1.
     *
     * @param threads a fixed pool of that many; 0 for grpc's default executor
     * @return the started server
     * @throws IOException when the port cannot be bound
     */
    static Server serve(int port, int threads, BindableService... more) throws IOException {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
        if (threads > 0) {
            builder.executor(Executors.newFixedThreadPool(threads));
        }
        builder.addService(new CurrencyServiceImpl(Rates.fixed())).addService(health.getHealthService());
        for (BindableService service : more) {
            builder.addService(service);
        }
        Server server = builder.build().start();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        return server;
    }

    /** @return {@code "16"} as 16, {@code "8/core"} as 8 per processor this JVM may run on */
    static int threads(String arg) {
        if (arg.endsWith("/core")) {
            return Integer.parseInt(arg.substring(0, arg.length() - "/core".length()))
                    * Runtime.getRuntime().availableProcessors();
        }
        return Integer.parseInt(arg);
    }
}
