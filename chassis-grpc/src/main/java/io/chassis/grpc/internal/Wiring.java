package io.chassis.grpc.internal;

import com.typesafe.config.Config;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigRules;
import io.chassis.core.spi.AccessControl;
import io.chassis.core.spi.ClientTls;
import io.chassis.core.spi.ModuleContext;
import io.chassis.core.spi.ServerTls;
import io.chassis.grpc.Grpc;
import io.chassis.grpc.internal.gateway.DescriptorSets;
import io.chassis.grpc.internal.gateway.Gateway;
import io.chassis.grpc.internal.gateway.GatewayDocument;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything chassis-grpc sets up, from configure to stop; the module only delegates here. */
public final class Wiring {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.grpc");

    private final ModuleContext context;
    private final GrpcSettings settings;
    private final GrpcRegistry registry;
    private final GrpcClients clients;
    private final Duration grace;
    private final Duration retryAfter;
    private final boolean virtualThreads;
    private volatile GrpcListener listener;
    private Gateway gateway;
    private Map<String, AccessControl.Policy> policies = Map.of();
    private ServerTls tls;

    private Wiring(ModuleContext context, GrpcSettings settings, Map<String, ClientSettings> clientSettings) {
        this.context = context;
        this.settings = settings;
        Config config = context.config().config();
        // core's own settings, validated by core
        this.grace = config.getDuration("chassis.shutdown.grace-period");
        this.retryAfter = config.getDuration("chassis.http.retry-after");
        this.virtualThreads =
                config.getBoolean("chassis.http.virtual-threads") && CallExecutor.virtualThreadsAvailable();
        this.clients = new GrpcClients(clientSettings);
        clients.httpCallerToken(() -> context.accessControl().callerAuthorization());
        this.registry = new GrpcRegistry(this::port, clients);
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
        Config config = context.config().config();
        // the server's and the clients' problems in one report
        ConfigRules problems = new ConfigRules(config);
        GrpcSettings settings = problems.collect(() -> GrpcSettings.from(config));
        Map<String, ClientSettings> clients = problems.collect(() -> ClientSettings.all(config));
        // core binds, checks and watches it, and publishes its expiry gauge and health check
        ServerTls tls = settings != null && settings.enabled()
                ? problems.collect(() -> context.serverTls(GrpcSettings.PATH + ".tls", "grpc"))
                : null;
        Map<String, ClientTls> clientTls = new java.util.HashMap<>();
        if (clients != null) {
            clients.forEach((name, client) -> {
                if (client.tls().getBoolean("enabled")) {
                    String path = ClientSettings.path(name) + ".tls";
                    // the client's own keys over client-defaults, each value with its own origin
                    Config section =
                            client.tls().withoutPath("enabled").atPath(path).withFallback(config.withoutPath(path));
                    ClientTls material = problems.collect(() -> context.clientTls(section, path, "grpc:" + name));
                    if (material != null) {
                        clientTls.put(name, material);
                    }
                }
            });
        }
        problems.throwIfAny();
        Wiring wiring = new Wiring(context, settings, clients);
        if (settings.enabled()) {
            context.checkAfterConfiguration(wiring::resolveAccess);
        }
        wiring.tls = tls;
        wiring.clients.tls(clientTls);
        if (settings.enabled() && settings.gateway().enabled()) {
            // the rules come with the services the application registers: checked once it has
            context.checkAfterConfiguration(wiring::bindGateway);
        }
        context.addContextPropagator(new GrpcContextPropagator());
        // named HTTP clients wait no longer than the gRPC call being served may take
        context.addDeadlineSource(() -> {
            Deadline deadline = Context.current().getDeadline();
            return deadline == null
                    ? Optional.empty()
                    : Optional.of(Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS))));
        });
        return wiring;
    }

    /** Each method's access policy, once the application registered its services (health and reflection have none). */
    private List<ConfigProblem> resolveAccess() {
        Map<String, AccessControl.Policy> resolved = new HashMap<>();
        for (ServerServiceDefinition service : registry.services()) {
            for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
                String operation = MethodInfo.of(method.getMethodDescriptor()).operation();
                resolved.put(operation, context.accessControl().policy("grpc", operation));
            }
        }
        policies = Map.copyOf(resolved);
        return List.of();
    }

    private List<ConfigProblem> bindGateway() {
        Gateway.Bound bound = Gateway.bind(
                registry.services(),
                context.http(),
                settings.gateway().forwardHeaders(),
                context.callObservers(),
                context.json(),
                context.config().config().getBoolean("chassis.json.fail-on-unknown-properties"));
        gateway = bound.gateway();
        ConfigRules problems = new ConfigRules(context.config().config());
        problems.addAll(bound.problems());
        if (gateway != null) {
            GatewayDocument.serve(
                    context,
                    gateway,
                    DescriptorSets.load(settings.gateway().openapi().descriptorSets(), problems));
        }
        return problems.problems();
    }

    /** @return what {@code app.extension(Grpc.class)} returns */
    public Grpc grpc() {
        return registry;
    }

    /**
     * Builds the named clients' channels and the server from what was registered; core opens the
     * port once every module started.
     *
     * @throws io.chassis.config.ConfigProblemsException when a client's {@code resilience} section is invalid
     */
    public void start() {
        registry.freeze();
        clients.start(context.metrics(), context.callObservers(), context.clientGuards());
        if (!settings.enabled()) {
            LOG.info("gRPC server disabled (chassis.grpc.enabled = false)");
            return;
        }
        Overload overload = new Overload();
        ServerChain chain = new ServerChain(
                overload,
                context.metrics(),
                context.callObservers(),
                context.callGuards(),
                new Failures(retryAfter),
                settings.accessLog().enabled(),
                registry.interceptors(),
                context.accessControl(),
                policies);
        List<ServerServiceDefinition> services = new ArrayList<>();
        for (ServerServiceDefinition service : registry.services()) {
            services.add(chain.wrap(service));
        }
        GrpcHealth health = settings.health().enabled()
                ? new GrpcHealth(
                        context.health().readiness(),
                        services.stream()
                                .map(s -> s.getServiceDescriptor().getName())
                                .toList())
                : null;
        Counter rejected = Counter.builder("grpc.server.executor.rejected")
                .description("gRPC call tasks rejected because chassis.grpc.executor was full")
                .register(context.metrics());
        GrpcListener opened = new GrpcListener(
                settings, services, health, virtualThreads, rejected::increment, overload, gateway, tls);
        listener = opened;
        context.addListener(opened); // core opens it after the HTTP ports, drains and closes it with them
    }

    /**
     * Shuts the named clients' channels down; core closed the gRPC port before (calls it was still
     * serving could use them).
     *
     * @throws InterruptedException when interrupted while waiting for the channels
     */
    public void stop() throws InterruptedException {
        listener = null;
        clients.stop(Duration.ofSeconds(1));
    }

    private int port() {
        GrpcListener open = listener;
        return open == null ? -1 : open.port();
    }
}
