package io.chassis.core.internal.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigChangeListener;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.ContextPropagation;
import io.chassis.core.Lifecycle;
import io.chassis.core.ServiceInfo;
import io.chassis.core.client.Clients;
import io.chassis.core.health.Health;
import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.Readiness;
import io.chassis.core.http.AdminRoutes;
import io.chassis.core.http.Handler;
import io.chassis.core.http.Http;
import io.chassis.core.http.ServerFilter;
import io.chassis.core.internal.admin.AdminRouteTable;
import io.chassis.core.internal.client.ClientRegistry;
import io.chassis.core.internal.security.AccessRules;
import io.chassis.core.internal.security.CallerToken;
import io.chassis.core.internal.server.RouteTable;
import io.chassis.core.spi.AccessControl;
import io.chassis.core.spi.AccessLogWriter;
import io.chassis.core.spi.Authenticator;
import io.chassis.core.spi.CallGuard;
import io.chassis.core.spi.CallObserver;
import io.chassis.core.spi.ClientExtension;
import io.chassis.core.spi.ClientGuard;
import io.chassis.core.spi.ClientInterceptor;
import io.chassis.core.spi.ContextPropagator;
import io.chassis.core.spi.DeadlineSource;
import io.chassis.core.spi.Listener;
import io.chassis.core.spi.ModuleContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** The {@link ModuleContext} shared by all modules and the application of one service, and what they contributed. */
public final class Contributions implements ModuleContext {

    private final ChassisConfig config;
    private final ServiceInfo service;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Readiness readiness;
    private final MeterRegistry meterRegistry;
    private final RouteTable routes = new RouteTable();
    private AccessRules access;
    private Map<RouteTable.Route, AccessControl.Policy> routePolicies = Map.of();
    private final AdminRouteTable adminRoutes = new AdminRouteTable();
    private final List<ServerFilter> filters = new CopyOnWriteArrayList<>();
    private final List<ServerFilter> appFilters = new CopyOnWriteArrayList<>();
    private final List<ClientInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private volatile AccessLogWriter accessLogWriter;
    private final List<CallObserver> callObservers = new CopyOnWriteArrayList<>();
    private final List<CallGuard> callGuards = new CopyOnWriteArrayList<>();
    private final List<Authenticator> authenticators = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<ClientGuard> clientGuards = new CopyOnWriteArrayList<>();
    private final List<ConfigChangeListener> configListeners = new CopyOnWriteArrayList<>();
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private final List<HealthContribution> health = new CopyOnWriteArrayList<>();
    private final List<ConfigProblem> warnings = new CopyOnWriteArrayList<>();
    private final List<Supplier<List<ConfigProblem>>> deferredWarnings = new CopyOnWriteArrayList<>();
    private final List<Supplier<List<ConfigProblem>>> deferredChecks = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, Object> extensions = new ConcurrentHashMap<>();
    private final ContextPropagation propagation =
            new ContextPropagation(List.of(new MdcPropagator(), CallerToken.propagator()));
    private final ClientRegistry clients;
    private final io.chassis.core.internal.tls.TlsRegistry tls;
    private final HttpGroup http = new HttpGroup();
    private final HealthGroup healthGroup = new HealthGroup();
    private final LifecycleGroup lifecycle = new LifecycleGroup();
    private final Clients clientsGroup;
    private volatile boolean application;

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
        this.tls = new io.chassis.core.internal.tls.TlsRegistry(config.config(), clock, meterRegistry, healthGroup);
        this.clients = new ClientRegistry(config.config(), mapper, meterRegistry, tls);
        this.clientsGroup = clients::client;
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
    public ObjectMapper json() {
        return mapper;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public MeterRegistry metrics() {
        return meterRegistry;
    }

    @Override
    public Http http() {
        return http;
    }

    @Override
    public AdminRoutes admin() {
        return adminRoutes;
    }

    @Override
    public Health health() {
        return healthGroup;
    }

    @Override
    public Clients clients() {
        return clientsGroup;
    }

    @Override
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public ContextPropagation contextPropagation() {
        return propagation;
    }

    @Override
    public <T> T extension(Class<T> type) {
        Object found = extensions.get(Objects.requireNonNull(type, "type"));
        if (found == null) {
            throw new IllegalStateException("no module of this service provides " + type.getSimpleName()
                    + ": add the module that offers it (e.g. its chassis-* dependency; modules are discovered)");
        }
        return type.cast(found);
    }

    @Override
    public <T> void provide(Class<T> type, T extension) {
        Objects.requireNonNull(extension, "extension");
        if (extensions.putIfAbsent(Objects.requireNonNull(type, "type"), extension) != null) {
            throw new IllegalArgumentException(
                    "two modules provide " + type.getSimpleName() + "; keep one of them in the service");
        }
    }

    @Override
    public void addClientInterceptor(ClientInterceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    }

    @Override
    public void setAccessLogWriter(AccessLogWriter writer) {
        this.accessLogWriter = writer;
    }

    /** @return the access-log writer a module set, or null for SLF4J */
    public AccessLogWriter accessLogWriter() {
        return accessLogWriter;
    }

    @Override
    public void addClientExtension(ClientExtension extension) {
        clients.addExtension(Objects.requireNonNull(extension, "extension"));
    }

    @Override
    public void addContextPropagator(ContextPropagator propagator) {
        propagation.add(propagator);
    }

    @Override
    public void warn(ConfigProblem warning) {
        warnings.add(Objects.requireNonNull(warning, "warning"));
    }

    @Override
    public void warnAfterConfiguration(Supplier<List<ConfigProblem>> check) {
        deferredWarnings.add(Objects.requireNonNull(check, "check"));
    }

    @Override
    public void checkAfterConfiguration(Supplier<List<ConfigProblem>> check) {
        deferredChecks.add(Objects.requireNonNull(check, "check"));
    }

    /**
     * Runs the deferred checks; called once, after the application is configured.
     *
     * @param problems where their problems go; a check that throws is a problem of its own
     */
    void runDeferredChecks(List<ConfigProblem> problems) {
        for (Supplier<List<ConfigProblem>> check : deferredChecks) {
            try {
                problems.addAll(check.get());
            } catch (ConfigProblemsException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem("a module's check", "", "failed: " + ApplicationProblems.message(e)));
            }
        }
        deferredChecks.clear();
    }

    /** Runs the deferred warning checks; called once, after the application is configured. */
    void runDeferredWarnings() {
        for (Supplier<List<ConfigProblem>> check : deferredWarnings) {
            try {
                warnings.addAll(check.get());
            } catch (RuntimeException e) {
                // a warning check must not fail the service
            }
        }
        deferredWarnings.clear();
    }

    /** @return the warnings reported so far, in order */
    public List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void addDeadlineSource(DeadlineSource source) {
        clients.addDeadlineSource(Objects.requireNonNull(source, "source"));
    }

    @Override
    public void addClientGuard(ClientGuard guard) {
        clientGuards.add(Objects.requireNonNull(guard, "guard"));
    }

    @Override
    public List<ClientGuard> clientGuards() {
        return Collections.unmodifiableList(clientGuards);
    }

    @Override
    public synchronized void addListener(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        String name = listener.name();
        if (name.equals("http") || name.equals("admin")) {
            throw new IllegalArgumentException("listener name '" + name + "' is core's own; choose another");
        }
        for (Listener existing : listeners) {
            if (existing.name().equals(name)) {
                throw new IllegalArgumentException("a listener named '" + name + "' was added already");
            }
        }
        listeners.add(listener);
    }

    /** @return the listeners modules added, in order */
    public List<Listener> listeners() {
        return List.copyOf(listeners);
    }

    @Override
    public void addAuthenticator(Authenticator authenticator) {
        authenticators.add(Objects.requireNonNull(authenticator, "authenticator"));
    }

    @Override
    public List<Authenticator> authenticators() {
        return Collections.unmodifiableList(authenticators);
    }

    @Override
    public AccessRules accessControl() {
        return access;
    }

    /** Resolves the access policy of every application route, once all routes are known. */
    void resolveRoutePolicies() {
        Map<RouteTable.Route, AccessControl.Policy> policies = new HashMap<>();
        for (RouteTable.Route route : routes.routes()) {
            policies.put(route, access.httpPolicy(route.method(), route.template()));
        }
        routePolicies = Map.copyOf(policies);
    }

    /** @return the access policy of each application route */
    public Map<RouteTable.Route, AccessControl.Policy> routePolicies() {
        return routePolicies;
    }

    /** Set once by the assembler, before any module is configured. */
    void accessRules(AccessRules rules) {
        this.access = rules;
    }

    @Override
    public void addCallGuard(CallGuard guard) {
        callGuards.add(Objects.requireNonNull(guard, "guard"));
    }

    @Override
    public List<CallGuard> callGuards() {
        return Collections.unmodifiableList(callGuards);
    }

    @Override
    public void addCallObserver(CallObserver observer) {
        callObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    @Override
    public List<CallObserver> callObservers() {
        return Collections.unmodifiableList(callObservers);
    }

    @Override
    public List<ClientInterceptor> clientInterceptors() {
        return Collections.unmodifiableList(interceptors);
    }

    @Override
    public List<HealthContribution> healthContributions() {
        return Collections.unmodifiableList(health);
    }

    /** From now on, filters are the application's: they run inside every module's filters. */
    void applicationPhase() {
        application = true;
    }

    /** @return every server filter: the modules' in order, then the application's */
    public List<ServerFilter> serverFilters() {
        List<ServerFilter> all = new java.util.ArrayList<>(filters);
        all.addAll(appFilters);
        return List.copyOf(all);
    }

    /** @return the application routes */
    public RouteTable routes() {
        return routes;
    }

    /** @return the admin routes */
    public AdminRouteTable adminRoutes() {
        return adminRoutes;
    }

    /** @return the configuration listeners, in order */
    public List<ConfigChangeListener> configListeners() {
        return List.copyOf(configListeners);
    }

    /**
     * One start or stop task of the application, in the order they were added.
     *
     * @param start true for a start task, false for a stop task
     * @param task the task
     */
    public record Step(boolean start, Lifecycle.Task task) {}

    /** @return the application's start and stop tasks, in the order added */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** @return the named HTTP clients */
    @Override
    public io.chassis.core.spi.ServerTls serverTls(String configPath, String listener) {
        return tls.server(configPath, listener);
    }

    @Override
    public io.chassis.core.spi.ClientTls clientTls(
            com.typesafe.config.Config config, String configPath, String clientName) {
        return tls.client(
                io.chassis.core.internal.tls.ClientTlsSettings.from(config, configPath), configPath, clientName);
    }

    /** @return every TLS section bound so far, polled from start on */
    public io.chassis.core.internal.tls.TlsRegistry tls() {
        return tls;
    }

    public ClientRegistry clientRegistry() {
        return clients;
    }

    private final class HttpGroup implements Http {

        @Override
        public Http add(String method, String template, Handler handler) {
            routes.add(method, template, handler);
            return this;
        }

        @Override
        public Http filter(ServerFilter filter) {
            (application ? appFilters : filters).add(Objects.requireNonNull(filter, "filter"));
            return this;
        }
    }

    private final class HealthGroup implements Health {

        @Override
        public synchronized Health add(HealthContribution contribution) {
            Objects.requireNonNull(contribution, "contribution");
            if (health.stream().anyMatch(c -> c.name().equals(contribution.name()))) {
                throw new IllegalArgumentException("a health check named '" + contribution.name()
                        + "' was already added; give each check a unique name");
            }
            health.add(contribution);
            return this;
        }

        @Override
        public Readiness readiness() {
            return readiness;
        }
    }

    private final class LifecycleGroup implements Lifecycle {

        @Override
        public Lifecycle onStart(Task task) {
            steps.add(new Step(true, Objects.requireNonNull(task, "task")));
            return this;
        }

        @Override
        public Lifecycle onStop(Task task) {
            steps.add(new Step(false, Objects.requireNonNull(task, "task")));
            return this;
        }

        @Override
        public Lifecycle onConfigChange(ConfigChangeListener listener) {
            configListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }
    }
}
