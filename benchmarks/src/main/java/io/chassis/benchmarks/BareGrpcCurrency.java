package io.chassis.benchmarks;

import io.chassis.examples.currency.CurrencyServiceImpl;
import io.chassis.examples.currency.Rates;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The gRPC baseline: the currency example's {@link CurrencyServiceImpl} on a bare grpc-java Netty
 * server (grpc's default executor), no interceptors, no health or reflection, no chassis. {@code
 * benchmarks/grpc.sh} loads its GetRate with h2load.
 *
 * <p>Usage: {@code BareGrpcCurrency <port>}
 */
public final class BareGrpcCurrency {

    private BareGrpcCurrency() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(new CurrencyServiceImpl(Rates.fixed()))
                .build()
                .start();
        System.out.println("bare grpc-java currency service on port " + server.getPort());
        server.awaitTermination();
    }
}
