package io.chassis.grpc.internal;

import io.chassis.core.spi.Listener;
import io.chassis.core.spi.ServerTls;
import io.chassis.grpc.internal.gateway.Gateway;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC port in the chassis lifecycle: {@link #open()} binds and accepts, {@link #draining()}
 * says readiness turned DOWN (health NOT_SERVING, still serving), {@link #close(Duration)} refuses
 * new calls (GOAWAY), gives the calls in progress the grace period, then cancels what is left.
 */
final class GrpcListener implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.grpc");

    private final GrpcSettings settings;
    private final List<ServerServiceDefinition> services;
    private final List<String> names;
    private final GrpcHealth health;
    private final boolean virtualThreads;
    private final Runnable onRejected;
    private final Overload overload;
    private final Gateway gateway;
    private volatile Server server;
    private CallExecutor executor;

    private final ServerTls tls;

    GrpcListener(
            GrpcSettings settings,
            List<ServerServiceDefinition> services,
            GrpcHealth health,
            boolean virtualThreads,
            Runnable onRejected,
            Overload overload,
            Gateway gateway,
            ServerTls tls) {
        this.tls = tls;
        this.settings = settings;
        this.services = List.copyOf(services);
        this.names = services.stream()
                .map(service -> service.getServiceDescriptor().getName())
                .toList();
        this.health = health;
        this.virtualThreads = virtualThreads;
        this.onRejected = onRejected;
        this.overload = overload;
        this.gateway = gateway;
    }

    @Override
    public String name() {
        return "grpc";
    }

    /**
     * Binds the port and starts accepting calls.
     *
     * @throws IOException when the port cannot be bound; the message names {@code chassis.grpc.port}
     */
    @Override
    public synchronized void open() throws IOException {
        executor = CallExecutor.create(settings.executor(), virtualThreads, onRejected);
        overload.serveOn(executor);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                        new InetSocketAddress(settings.host(), settings.port()))
                // Method lookup on the transport thread, then the call on the executor, or shed when it is full.
                .directExecutor()
                .callExecutor(overload)
                .maxInboundMessageSize((int) settings.maxInboundMessageSize().toBytes())
                .maxInboundMetadataSize((int) settings.maxInboundMetadataSize().toBytes())
                .maxConcurrentCallsPerConnection(settings.maxConcurrentCallsPerConnection())
                .keepAliveTime(settings.keepaliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(settings.keepaliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(settings.permitKeepaliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(settings.permitKeepaliveWithoutCalls())
                .handshakeTimeout(settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .neverIndexMetadataKeys(NeverIndexed.SERVER);
        settings.maxConnectionAge().ifPresent(age -> builder.maxConnectionAge(age.toMillis(), TimeUnit.MILLISECONDS));
        settings.maxConnectionAgeGrace()
                .ifPresent(grace -> builder.maxConnectionAgeGrace(grace.toMillis(), TimeUnit.MILLISECONDS));
        if (tls != null && tls.enabled()) {
            builder.sslContext(TlsContexts.server(tls));
        }
        services.forEach(builder::addService);
        if (health != null) {
            builder.addService(health.service());
        }
        if (settings.reflection().enabled()) {
            builder.addService(ProtoReflectionServiceV1.newInstance());
        }
        Server started = builder.build();
        try {
            started.start();
        } catch (IOException | RuntimeException e) {
            try {
                executor.shutdown(Duration.ZERO);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new IOException(
                    "cannot open the gRPC port (chassis.grpc.port=" + settings.port() + "): " + e.getMessage()
                            + ". Free the port or choose another one.",
                    e);
        }
        server = started;
        if (gateway != null) {
            gateway.open(services, executor);
        }
        if (health != null) {
            health.start();
        }
        LOG.atInfo()
                .addKeyValue("grpc_port", started.getPort())
                .log(
                        "gRPC port {} serving {} ({})",
                        started.getPort(),
                        names.isEmpty() ? "no services" : String.join(", ", names),
                        virtualThreads ? "virtual threads" : settings.executor().resolvedThreads() + " threads");
    }

    @Override
    public int port() {
        Server s = server;
        return s == null || s.isShutdown() ? -1 : s.getPort();
    }

    /** Readiness turned DOWN: health answers NOT_SERVING from now on; calls are still served. */
    @Override
    public void draining() {
        if (health != null) {
            health.terminate();
        }
    }

    /**
     * Refuses new calls (GOAWAY to every connection), waits up to {@code grace} for the calls in
     * progress, then cancels the rest (their clients see UNAVAILABLE).
     *
     * @param grace time the calls in progress get
     * @return true when every call finished within {@code grace}
     * @throws InterruptedException when interrupted while waiting; the server is cut first
     */
    @Override
    public boolean close(Duration grace) throws InterruptedException {
        Server s;
        synchronized (this) {
            s = server;
        }
        if (s == null) {
            return true;
        }
        draining();
        boolean finished;
        try {
            s.shutdown();
            if (health != null) {
                health.endWatches();
            }
            long deadline = System.nanoTime() + grace.toNanos();
            finished = s.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                s.shutdownNow();
                s.awaitTermination(5, TimeUnit.SECONDS);
            }
            if (gateway != null) {
                // gateway calls in progress (HTTP requests being drained) get what is left of the grace period
                finished &= gateway.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            s.shutdownNow();
            throw e;
        } finally {
            if (health != null) {
                health.stopPolling();
            }
            executor.shutdown(Duration.ofSeconds(1));
        }
        if (finished) {
            LOG.debug("gRPC port closed; every call finished");
        }
        return finished;
    }
}
