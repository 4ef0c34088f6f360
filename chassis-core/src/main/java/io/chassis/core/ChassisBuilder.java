package io.chassis.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigLoader;
import io.chassis.core.internal.bootstrap.Spec;
import io.chassis.core.spi.ChassisModule;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Describes a service: identity, configuration, modules and the application's wiring ({@link
 * #configure}). Nothing is validated or started
 * until {@link Chassis#start()}; a builder can build several independent services (tests do).
 */
public final class ChassisBuilder {

    private final Class<?> appClass;
    private String name;
    private String version;
    private ChassisConfig config;
    private ConfigLoader loader;
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private final List<Consumer<App>> setups = new ArrayList<>();
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
     * Sets application listener settings in code ({@code chassis.http.*}), e.g. {@code h -> h.port(0)}.
     *
     * @param options sets the values
     * @return this builder
     */
    public ChassisBuilder http(Consumer<ListenerOptions> options) {
        options.accept(new ListenerOptions("chassis.http", overrides));
        return this;
    }

    /**
     * Sets admin listener settings in code ({@code chassis.admin.*}).
     *
     * @param options sets the values
     * @return this builder
     */
    public ChassisBuilder admin(Consumer<ListenerOptions> options) {
        options.accept(new ListenerOptions("chassis.admin", overrides));
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
     * Wires the application once configuration is loaded and every module is configured: bind
     * settings with {@code app.config().bind(..)}, add routes with {@code app.http()}, checks with
     * {@code app.health()}. What goes wrong here (a duplicate route, an invalid section, an
     * exception) is reported with every configuration problem, naming the line of the
     * application's code. Several calls run in order.
     *
     * @param setup the wiring
     * @return this builder
     */
    public ChassisBuilder configure(Consumer<App> setup) {
        setups.add(Objects.requireNonNull(setup, "setup"));
        return this;
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
                List.copyOf(setups),
                List.copyOf(modules),
                discover,
                mapper,
                List.copyOf(jsonCustomizers),
                clock);
    }
}
