package io.chassis.grpc.internal;

import io.chassis.core.spi.CallObserver;
import io.chassis.core.spi.ClientGuard;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named clients of {@code chassis.grpc.clients}: one channel each, handed out from configure on
 * (a {@link Channel} whose calls work once the service started), built at start with the chassis
 * interceptors and the resilience guards, shut down after the gRPC port drained.
 */
final class GrpcClients {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.grpc");

    private final Map<String, ClientSettings> settings;
    private final Map<String, Named> channels = new LinkedHashMap<>();

    /** The served call's authorization: a gRPC call's, else a protected HTTP request's (set in start). */
    private Supplier<String> callerToken = AuthInterceptor.TOKEN::get;

    /** @param httpToken the Authorization header of the protected HTTP request served on this thread */
    void httpCallerToken(Supplier<String> httpToken) {
        callerToken = () -> {
            String token = AuthInterceptor.TOKEN.get();
            return token != null ? token : httpToken.get();
        };
    }

    GrpcClients(Map<String, ClientSettings> settings) {
        this.settings = settings;
        settings.keySet().forEach(name -> channels.put(name, new Named(name)));
    }

    /**
     * @return the channel of client {@code name}
     * @throws IllegalArgumentException when no such client is configured; names the configured ones
     */
    Channel client(String name) {
        Named channel = channels.get(name);
        if (channel == null) {
            throw new IllegalArgumentException("no gRPC client '" + name + "' is configured under "
                    + ClientSettings.CLIENTS
                    + (channels.isEmpty()
                            ? " (there are none)"
                            : "; configured: " + String.join(", ", channels.keySet()))
                    + ". Add " + ClientSettings.path(name) + ".target.");
        }
        return channel;
    }

    private Map<String, io.chassis.core.spi.ClientTls> tls = Map.of();

    /** @param tls the TLS material of the clients with {@code tls.enabled}, by name */
    void tls(Map<String, io.chassis.core.spi.ClientTls> tls) {
        this.tls = Map.copyOf(tls);
    }

    /**
     * Builds every channel. Connections are made on the first call, not here.
     *
     * @throws io.chassis.config.ConfigProblemsException when a guard rejects a client's section
     */
    void start(MeterRegistry registry, List<CallObserver> observers, List<ClientGuard> guards) {
        for (Map.Entry<String, ClientSettings> e : settings.entrySet()) {
            String name = e.getKey();
            ClientSettings s = e.getValue();
            List<ClientGuard.Guarded> guarded = new ArrayList<>();
            for (ClientGuard guard : guards) {
                guard.forClient("grpc", name, ClientSettings.path(name)).ifPresent(guarded::add);
            }
            NettyChannelBuilder builder = NettyChannelBuilder.forTarget(s.target());
            io.chassis.core.spi.ClientTls material = tls.get(name);
            if (material == null) {
                builder.usePlaintext(); // chassis.grpc.clients.<name>.tls.enabled = false
            } else {
                builder.useTransportSecurity().sslContext(TlsContexts.client(material));
            }
            builder.maxInboundMessageSize((int) s.maxInboundMessageSize().toBytes())
                    .defaultServiceConfig(s.serviceConfig())
                    .enableRetry()
                    .userAgent("chassis")
                    .neverIndexMetadataKeys(NeverIndexed.CLIENT);
            s.keepaliveTime().ifPresent(t -> builder.keepAliveTime(t.toMillis(), TimeUnit.MILLISECONDS));
            ManagedChannel managed = builder.build();
            ClientChain chain = new ClientChain(
                    name, registry, observers, s.deadline(), guarded, s.forwardToken() ? callerToken : null);
            channels.get(name).open(managed, ClientInterceptors.intercept(managed, chain.innermostFirst()));
            LOG.debug("gRPC client {} -> {}", name, s.target());
        }
    }

    /** Shuts every channel down: calls in progress get {@code grace}, then they are cancelled. */
    void stop(Duration grace) throws InterruptedException {
        List<ManagedChannel> open = new ArrayList<>();
        for (Named named : channels.values()) {
            ManagedChannel managed = named.close();
            if (managed != null) {
                managed.shutdown();
                open.add(managed);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ManagedChannel managed : open) {
            if (!managed.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                managed.shutdownNow();
            }
        }
    }

    /** The channel service code holds: usable once the service started, refused after stop. */
    private static final class Named extends Channel {

        private final String name;
        private volatile ManagedChannel managed;
        private volatile Channel intercepted;
        private volatile boolean closed;

        Named(String name) {
            this.name = name;
        }

        void open(ManagedChannel managed, Channel intercepted) {
            this.managed = managed;
            this.intercepted = intercepted;
        }

        ManagedChannel close() {
            closed = true;
            return managed;
        }

        @Override
        public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
            Channel channel = intercepted;
            if (channel == null) {
                throw new IllegalStateException(
                        closed
                                ? "gRPC client '" + name + "' is shut down: the service is stopping"
                                : "gRPC client '" + name
                                        + "' is used before the service started; call it once started");
            }
            return channel.newCall(method, options);
        }

        @Override
        public String authority() {
            Channel channel = intercepted;
            return channel == null ? name : channel.authority();
        }
    }
}
