package io.chassis.grpc.internal;

import com.typesafe.config.Config;
import io.chassis.core.spi.ModuleContext;
import io.chassis.grpc.Grpc;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything chassis-grpc sets up, from configure to stop; the module only delegates here. */
public final class Wiring {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.grpc");

    private final ModuleContext context;
    private final GrpcSettings settings;
    private final GrpcRegistry registry;
    private final Duration grace;
    private final Duration retryAfter;
    private final boolean virtualThreads;
    private volatile GrpcListener listener;

    private Wiring(ModuleContext context, GrpcSettings settings) {
        this.context = context;
        this.settings = settings;
        Config config = context.config().config();
        // core's own settings, validated by core
        this.grace = config.getDuration("chassis.shutdown.grace-period");
        this.retryAfter = config.getDuration("chassis.http.retry-after");
        this.virtualThreads =
                config.getBoolean("chassis.http.virtual-threads") && CallExecutor.virtualThreadsAvailable();
        this.registry = new GrpcRegistry(this::port);
    }

    /**
     * Binds and validates {@code chassis.grpc}, bridges grpc-java's logging, and contributes the
     * {@code io.grpc.Context} propagator.
     *
     * @param context the module context
     * @return the wiring
     * @throws io.chassis.config.ConfigProblemsException when {@code chassis.grpc} is invalid
     */
    public static Wiring configure(ModuleContext context) {
        JulBridge.install();
        Wiring wiring = new Wiring(context, GrpcSettings.from(context.config().config()));
        context.addContextPropagator(new GrpcContextPropagator());
        return wiring;
    }

    /** @return what {@code app.extension(Grpc.class)} returns */
    public Grpc grpc() {
        return registry;
    }

    /**
     * Builds the server from what was registered and opens its port.
     *
     * @throws IOException when the port cannot be bound
     */
    public void start() throws IOException {
        registry.freeze();
        if (!settings.enabled()) {
            LOG.info("gRPC server disabled (chassis.grpc.enabled = false)");
            return;
        }
        Overload overload = new Overload();
        ServerChain chain = new ServerChain(
                overload,
                context.metrics(),
                context.callObservers(),
                new Failures(retryAfter),
                settings.accessLog().enabled(),
                registry.interceptors());
        List<ServerServiceDefinition> services = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ServerServiceDefinition service : registry.services()) {
            services.add(chain.wrap(service));
            names.add(service.getServiceDescriptor().getName());
        }
        GrpcHealth health =
                settings.health().enabled() ? new GrpcHealth(context.health().readiness(), names) : null;
        Counter rejected = Counter.builder("grpc.server.executor.rejected")
                .description("gRPC call tasks rejected because chassis.grpc.executor was full")
                .register(context.metrics());
        GrpcListener opened =
                new GrpcListener(settings, services, health, virtualThreads, rejected::increment, overload);
        try {
            opened.open();
        } catch (IOException e) {
            throw new IOException(
                    "cannot open the gRPC port (chassis.grpc.port=" + settings.port() + "): " + e.getMessage()
                            + ". Free the port or choose another one.",
                    e);
        }
        listener = opened;
        LOG.atInfo()
                .addKeyValue("grpc_port", opened.port())
                .log(
                        "gRPC port {} serving {} ({})",
                        opened.port(),
                        names.isEmpty() ? "no services" : String.join(", ", names),
                        virtualThreads ? "virtual threads" : settings.executor().resolvedThreads() + " threads");
    }

    /**
     * Drains and closes the server: health NOT_SERVING, new calls refused, calls in progress get
     * {@code chassis.shutdown.grace-period}.
     */
    public void stop() throws InterruptedException {
        GrpcListener open = listener;
        if (open == null) {
            return;
        }
        listener = null;
        open.draining();
        if (!open.close(grace)) {
            LOG.warn(
                    "gRPC calls in progress did not finish within chassis.shutdown.grace-period={}; they were cancelled",
                    grace);
        }
    }

    private int port() {
        GrpcListener open = listener;
        return open == null ? -1 : open.port();
    }
}
