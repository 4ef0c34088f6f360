package io.chassis.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigChangeListener;
import io.chassis.config.ConfigLoader;
import io.chassis.core.http.Handler;
import io.chassis.core.http.Routes;
import io.chassis.core.internal.Spec;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.HealthCheck;
import io.chassis.core.spi.HealthContribution;
import io.chassis.core.spi.ModuleContext;
import io.chassis.core.spi.ServerFilter;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Describes a service: identity, configuration, routes and modules. Nothing is validated or started
 * until {@link Chassis#start()}; a builder can build several independent services (tests do).
 */
public final class ChassisBuilder {

    private final Class<?> appClass;
    private String name;
    private String version;
    private ChassisConfig config;
    private ConfigLoader loader;
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private final List<Consumer<Routes>> routes = new ArrayList<>();
    private final List<Consumer<Routes>> adminRoutes = new ArrayList<>();
    private final List<ServerFilter> filters = new ArrayList<>();
    private final List<ChassisModule> modules = new ArrayList<>();
    private boolean discover = true;
    private ObjectMapper mapper;
    private final List<Consumer<ObjectMapper>> jsonCustomizers = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    ChassisBuilder(Class<?> appClass) {
        this.appClass = appClass;
    }

    /**
     * Names the service, unless {@code chassis.service.name} is configured.
     *
     * @param name e.g. {@code orders}
     * @return this builder
     */
    public ChassisBuilder name(String name) {
        this.name = name;
        return this;
    }

    /**
     * Sets the version, unless {@code chassis.service.version} is configured. Without either, the
     * jar manifest's {@code Implementation-Version} of the application class is used.
     *
     * @param version e.g. {@code 1.4.2}
     * @return this builder
     */
    public ChassisBuilder version(String version) {
        this.version = version;
        return this;
    }

    /**
     * Uses an already loaded configuration instead of loading one at start.
     *
     * @param config the configuration
     * @return this builder
     */
    public ChassisBuilder config(ChassisConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Loads the configuration at start with this loader (e.g. with a fixed environment).
     *
     * @param loader the loader
     * @return this builder
     */
    public ChassisBuilder configLoader(ConfigLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /**
     * Sets a value above every configuration layer; meant for tests and tools. Ignored when a
     * loaded configuration was injected with {@link #config(ChassisConfig)}.
     *
     * @param path e.g. {@code chassis.http.port}
     * @param value the value
     * @return this builder
     */
    public ChassisBuilder configOverride(String path, Object value) {
        overrides.put(path, value);
        return this;
    }

    /**
     * Registers application routes.
     *
     * @param registration adds routes, e.g. {@code r -> r.get("/hello", ctx -> "hi")}
     * @return this builder
     */
    public ChassisBuilder routes(Consumer<Routes> registration) {
        routes.add(Objects.requireNonNull(registration, "registration"));
        return this;
    }

    /**
     * Adds a {@code GET} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this builder
     */
    public ChassisBuilder get(String template, Handler handler) {
        return routes(r -> r.get(template, handler));
    }

    /**
     * Adds a {@code POST} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this builder
     */
    public ChassisBuilder post(String template, Handler handler) {
        return routes(r -> r.post(template, handler));
    }

    /**
     * Registers routes on the admin port (next to {@code /info} and {@code /config}).
     *
     * @param registration adds routes
     * @return this builder
     */
    public ChassisBuilder adminRoutes(Consumer<Routes> registration) {
        adminRoutes.add(Objects.requireNonNull(registration, "registration"));
        return this;
    }

    /**
     * Adds a filter around every application request. Filters added here run in the order added,
     * inside those of every module (so tracing's span and the resilience module's load shedding wrap
     * them): their log lines carry the trace id, and a request they reject is still traced and timed.
     *
     * @param filter the filter
     * @return this builder
     */
    public ChassisBuilder filter(ServerFilter filter) {
        filters.add(Objects.requireNonNull(filter, "filter"));
        return this;
    }

    /**
     * Adds a module; it replaces a discovered module of the same name.
     *
     * @param module the module
     * @return this builder
     */
    public ChassisBuilder module(ChassisModule module) {
        modules.add(Objects.requireNonNull(module, "module"));
        return this;
    }

    /**
     * Adds a health check; the health module (chassis-health) runs it and serves it on the admin
     * port. Without that module on the classpath, checks are collected but not served.
     *
     * @param contribution the check with its name, kinds and criticality
     * @return this builder
     */
    public ChassisBuilder healthCheck(HealthContribution contribution) {
        Objects.requireNonNull(contribution, "contribution");
        return configure(app -> app.addHealthContribution(contribution));
    }

    /**
     * Adds a critical readiness check with the default timeout.
     *
     * @param name unique name, e.g. {@code db}
     * @param check the check
     * @return this builder
     * @throws IllegalArgumentException if the name is blank
     */
    public ChassisBuilder healthCheck(String name, HealthCheck check) {
        return healthCheck(HealthContribution.of(name, check));
    }

    /**
     * Wires the application once configuration is loaded, with the context modules get: bind
     * settings with {@code app.config().bind(..)} and add routes with {@code app.routes()}. Problems
     * thrown here are reported together with all other configuration problems. Runs after the
     * modules added before it.
     *
     * @param setup the wiring
     * @return this builder
     */
    public ChassisBuilder configure(Consumer<ModuleContext> setup) {
        return module(ChassisModule.of("application-" + (modules.size() + 1), setup));
    }

    /**
     * Calls {@code listener} with every valid configuration change (opt-in with {@code
     * chassis.config.reload.enabled}; see {@link ModuleContext#onConfigChange}).
     *
     * @param listener told which paths changed
     * @return this builder
     */
    public ChassisBuilder onConfigChange(ConfigChangeListener listener) {
        return configure(app -> app.onConfigChange(listener));
    }

    /**
     * Switches ServiceLoader discovery of modules on or off (also {@code chassis.modules.discovery}).
     *
     * @param discover false to use only modules added with {@link #module}
     * @return this builder
     */
    public ChassisBuilder discoverModules(boolean discover) {
        this.discover = discover;
        return this;
    }

    /**
     * Uses this JSON mapper as is, instead of the default one.
     *
     * @param mapper the mapper
     * @return this builder
     */
    public ChassisBuilder objectMapper(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        return this;
    }

    /**
     * Adjusts the default JSON mapper (modules, features).
     *
     * @param customizer changes the mapper
     * @return this builder
     */
    public ChassisBuilder json(Consumer<ObjectMapper> customizer) {
        jsonCustomizers.add(Objects.requireNonNull(customizer, "customizer"));
        return this;
    }

    /**
     * Uses this clock for uptime and anything else time-dependent.
     *
     * @param clock the clock
     * @return this builder
     */
    public ChassisBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** @return a new, not yet started service */
    public Chassis build() {
        return new Chassis(spec());
    }

    /**
     * Builds and starts the service.
     *
     * @return the running service
     * @throws io.chassis.config.ConfigProblemsException listing every configuration problem
     * @throws ChassisStartupException when a port cannot be bound or a module fails to start
     */
    public Chassis start() {
        return build().start();
    }

    /**
     * Runs a command-line command ({@code run}, {@code check}, {@code config}) and exits the JVM when
     * the command is done; {@code run} returns and leaves the service running instead.
     *
     * @param args the command-line arguments of {@code main}
     */
    public void main(String[] args) {
        int code = execute(args, System.out, System.err);
        if (code != 0 || !Commands.isRun(args)) {
            System.exit(code);
        }
    }

    /**
     * Runs a command-line command without exiting the JVM; see {@link #main(String[])}.
     *
     * @param args the arguments
     * @param out receives normal output
     * @param err receives problems
     * @return the exit code: 0 ok, 1 problems, 2 usage error
     */
    public int execute(String[] args, PrintStream out, PrintStream err) {
        return Commands.execute(this, args, out, err);
    }

    Spec spec() {
        return new Spec(
                name,
                version,
                appClass,
                config,
                loader,
                Map.copyOf(overrides),
                List.copyOf(routes),
                List.copyOf(adminRoutes),
                List.copyOf(filters),
                List.copyOf(modules),
                discover,
                mapper,
                List.copyOf(jsonCustomizers),
                clock);
    }
}
