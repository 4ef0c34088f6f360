package io.chassis.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigChangeListener;
import io.chassis.core.ServiceInfo;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ClientExtension;
import io.chassis.core.spi.ClientInterceptor;
import io.chassis.core.spi.ContextPropagation;
import io.chassis.core.spi.ContextPropagator;
import io.chassis.core.spi.HealthContribution;
import io.chassis.core.spi.ModuleContext;
import io.chassis.core.spi.Readiness;
import io.chassis.core.spi.ServerFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link ModuleContext} shared by all modules of one service, and what they contributed. */
public final class Contributions implements ModuleContext {

    private final ChassisConfig config;
    private final ServiceInfo service;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Readiness readiness;
    private final MeterRegistry meterRegistry;
    private final RouteTable routes = new RouteTable();
    private final RouteTable adminRoutes = new RouteTable();
    private final List<ServerFilter> filters = new CopyOnWriteArrayList<>();
    private final List<ClientInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final List<ConfigChangeListener> configListeners = new CopyOnWriteArrayList<>();
    private final List<HealthContribution> health = new CopyOnWriteArrayList<>();
    private final ContextPropagation propagation = new ContextPropagation(List.of(new MdcPropagator()));
    private final ClientRegistry clients;
    private volatile List<ChassisModule> modules = List.of();

    /** Creates an empty set of contributions. */
    public Contributions(
            ChassisConfig config,
            ServiceInfo service,
            ObjectMapper mapper,
            Clock clock,
            Readiness readiness,
            MeterRegistry meterRegistry) {
        this.config = config;
        this.service = service;
        this.mapper = mapper;
        this.clock = clock;
        this.readiness = readiness;
        this.meterRegistry = meterRegistry;
        this.clients = new ClientRegistry(config.config(), mapper, meterRegistry);
    }

    @Override
    public ChassisConfig config() {
        return config;
    }

    @Override
    public ServiceInfo service() {
        return service;
    }

    @Override
    public ObjectMapper objectMapper() {
        return mapper;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Readiness readiness() {
        return readiness;
    }

    @Override
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    @Override
    public void onConfigChange(ConfigChangeListener listener) {
        configListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @return the configuration listeners, in order */
    public List<ConfigChangeListener> configListeners() {
        return List.copyOf(configListeners);
    }

    @Override
    public RouteTable routes() {
        return routes;
    }

    @Override
    public RouteTable adminRoutes() {
        return adminRoutes;
    }

    @Override
    public void addServerFilter(ServerFilter filter) {
        filters.add(Objects.requireNonNull(filter, "filter"));
    }

    @Override
    public void addClientInterceptor(ClientInterceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    }

    @Override
    public synchronized void addHealthContribution(HealthContribution contribution) {
        Objects.requireNonNull(contribution, "contribution");
        if (health.stream().anyMatch(c -> c.name().equals(contribution.name()))) {
            throw new IllegalArgumentException("a health check named '" + contribution.name()
                    + "' was already added; give each check a unique name");
        }
        health.add(contribution);
    }

    @Override
    public void addContextPropagator(ContextPropagator propagator) {
        propagation.add(propagator);
    }

    @Override
    public ContextPropagation contextPropagation() {
        return propagation;
    }

    @Override
    public List<ClientInterceptor> clientInterceptors() {
        return Collections.unmodifiableList(interceptors);
    }

    @Override
    public List<HealthContribution> healthContributions() {
        return Collections.unmodifiableList(health);
    }

    /** @return the server filters, in order */
    public List<ServerFilter> serverFilters() {
        return List.copyOf(filters);
    }

    @Override
    public ChassisHttpClient httpClient(String name) {
        return clients.client(name);
    }

    @Override
    public void addClientExtension(ClientExtension extension) {
        clients.addExtension(Objects.requireNonNull(extension, "extension"));
    }

    @Override
    public <T> Optional<T> module(Class<T> type) {
        return modules.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** @param modules every module of the service, in order */
    void modules(List<ChassisModule> modules) {
        this.modules = List.copyOf(modules);
    }

    /** @return the named HTTP clients */
    public ClientRegistry clients() {
        return clients;
    }
}
