package io.chassis.config;

import io.chassis.config.internal.Assembly;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds a {@link ChassisConfig} from the layers described in {@code docs/configuration.md}. The
 * environment, system properties and class loader are seams, so tests never mutate the process.
 *
 * <pre>{@code
 * ChassisConfig config = ChassisConfig.loader()
 *         .environment(Map.of("CHASSIS_PROFILE", "dev"))
 *         .override("chassis.http.port", 0)
 *         .load();
 * }</pre>
 */
public final class ConfigLoader {

    private Map<String, String> environment = System.getenv();
    private Properties systemProperties = System.getProperties();
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private ClassLoader classLoader = defaultClassLoader();

    ConfigLoader() {}

    /** Uses {@code environment} instead of the process environment. */
    public ConfigLoader environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** Uses {@code properties} instead of the JVM's system properties. */
    public ConfigLoader systemProperties(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        this.systemProperties = copy;
        return this;
    }

    /** Adds values above every other layer (keys are paths); meant for tests and tools. */
    public ConfigLoader overrides(Map<String, ?> overrides) {
        this.overrides.putAll(overrides);
        return this;
    }

    /** Adds one value above every other layer. */
    public ConfigLoader override(String path, Object value) {
        this.overrides.put(path, value);
        return this;
    }

    /** Reads {@code reference.conf} and {@code application.*} through {@code classLoader}. */
    public ConfigLoader classLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        return this;
    }

    /**
     * Loads, merges, resolves and checks every layer.
     *
     * @return the immutable configuration
     * @throws ConfigProblemsException listing every problem: malformed files, missing external or
     *     secret files, unset placeholders, unknown {@code chassis.*} keys
     */
    public ChassisConfig load() {
        Assembly.Request request = request();
        return new ChassisConfig(request, Assembly.load(request));
    }

    /**
     * Loads like {@link #load()}, but goes on past sources that cannot be read (malformed files,
     * missing external or secret files): they contribute nothing, their problems are returned, and
     * the rest is assembled, so the caller can go on checking it and report everything at once.
     *
     * @return the configuration of every readable source, with the problems of loading
     */
    public ConfigLoad loadCollecting() {
        Assembly.Request request = request();
        List<ConfigProblem> problems = new ArrayList<>();
        Assembly.Loaded loaded = Assembly.load(request, problems);
        return new ConfigLoad(Optional.ofNullable(loaded).map(l -> new ChassisConfig(request, l)), problems);
    }

    private Assembly.Request request() {
        return new Assembly.Request(
                environment, (Properties) systemProperties.clone(), new LinkedHashMap<>(overrides), classLoader);
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ConfigLoader.class.getClassLoader();
    }
}
