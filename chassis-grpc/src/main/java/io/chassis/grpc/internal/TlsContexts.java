package io.chassis.grpc.internal;

import io.chassis.core.spi.ClientTls;
import io.chassis.core.spi.ServerTls;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts over core's TLS material: the JDK provider with core's reloading key and trust
 * managers, so a rotated certificate serves new handshakes without a restart.
 */
final class TlsContexts {

    private TlsContexts() {}

    /**
     * @param tls a named client's material
     * @return the context for {@code NettyChannelBuilder.sslContext}
     * @throws IllegalStateException when Netty cannot build it
     */
    static SslContext client(ClientTls tls) {
        SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .trustManager(tls.trustManager());
        tls.keyManager().ifPresent(builder::keyManager);
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a gRPC client's TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * @param tls the server's material, enabled
     * @return the context for {@code NettyServerBuilder.sslContext}
     * @throws IllegalStateException when Netty cannot build it (a configuration the checks let through)
     */
    static SslContext server(ServerTls tls) {
        SslContextBuilder builder = GrpcSslContexts.configure(
                        SslContextBuilder.forServer(tls.keyManager()), SslProvider.JDK)
                .protocols(tls.protocols())
                .trustManager(tls.trustManager())
                .clientAuth(
                        switch (tls.clientAuth()) {
                            case NONE -> ClientAuth.NONE;
                            case OPTIONAL -> ClientAuth.OPTIONAL;
                            case REQUIRED -> ClientAuth.REQUIRE;
                        });
        if (!tls.cipherSuites().isEmpty()) {
            builder.ciphers(tls.cipherSuites());
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the gRPC server's TLS context: " + e.getMessage(), e);
        }
    }
}
