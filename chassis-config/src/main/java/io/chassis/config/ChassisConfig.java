package io.chassis.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.internal.Assembly;
import io.chassis.config.internal.Masking;
import io.chassis.config.internal.SecretVariables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The service's configuration: one resolved typesafe {@link Config} assembled from reference
 * defaults, application files, profile overlays, external files, environment variables and system
 * properties (lowest first), plus the knowledge of which layer set each value.
 *
 * <p>Each {@link Config} it returns is immutable. The {@code ChassisConfig} a {@link ConfigReloader}
 * was created with follows the reloads: after a valid change, {@link #config()}, {@link #bind},
 * {@link #explain()} and the rest answer from the configuration now in force. What was bound before
 * stays as it was bound; read again to see a change. Every section read with {@link #bind} or
 * {@link #read} is remembered, and a reload must bind each of them again before it is put in force.
 */
public final class ChassisConfig {

    /** What {@link #explain()} and {@link #render()} show instead of a secret value. */
    public static final String MASK = Masking.MASK;

    /** One load: what was asked and what came out; swapped as a whole. */
    private record State(Assembly.Request request, Assembly.Loaded loaded) {}

    /** A section read so far, and how to read it again. */
    private record Section(String path, Function<Config, ?> reader) {}

    private volatile State state;
    private final Map<String, Section> sections = new ConcurrentHashMap<>();

    ChassisConfig(Assembly.Request request, Assembly.Loaded loaded) {
        this.state = new State(request, loaded);
    }

    /**
     * Loads the configuration of this process (its environment and system properties).
     *
     * @throws ConfigProblemsException listing every problem found
     */
    public static ChassisConfig load() {
        return loader().load();
    }

    /** Returns a loader whose seams (environment, system properties, class loader) can be replaced. */
    public static ConfigLoader loader() {
        return new ConfigLoader();
    }

    /** Returns the resolved configuration now in force (an immutable snapshot). */
    public Config config() {
        return state.loaded().config();
    }

    /** Returns the active profiles in the order they apply (a later one wins). */
    public List<String> profiles() {
        return state.loaded().profiles();
    }

    /**
     * Binds the section at {@code path} to {@code type}; see {@link ConfigBinder}. The section is
     * remembered: a reload is rejected unless it binds again.
     *
     * @throws ConfigProblemsException listing every problem in that section
     */
    public <T> T bind(String path, Class<T> type) {
        Objects.requireNonNull(type, "type");
        T bound = ConfigBinder.bind(config(), path, type);
        remember(path, type.getName(), config -> ConfigBinder.bind(config, path, type));
        return bound;
    }

    /**
     * Reads the section at {@code path} with a reader of its own, typically a settings factory that
     * binds and validates ({@code LoggingSettings::from}); like {@link #bind}, the section is
     * remembered and a reload is rejected unless {@code reader} accepts the new configuration too.
     *
     * @param path the section the reader reads, for the record and for problems it throws otherwise
     * @param reader reads the whole configuration; rejects it with {@link ConfigProblemsException}
     * @return what {@code reader} returned
     * @throws ConfigProblemsException what {@code reader} threw
     */
    public <T> T read(String path, Function<Config, T> reader) {
        Objects.requireNonNull(reader, "reader");
        T read = reader.apply(config());
        remember(path, reader.getClass().getName(), reader);
        return read;
    }

    /** Returns the paths of the sections read with {@link #bind} or {@link #read} so far. */
    public Set<String> boundSections() {
        Set<String> paths = new java.util.TreeSet<>();
        sections.values().forEach(section -> paths.add(section.path()));
        return paths;
    }

    /**
     * Warns about environment variables named like secrets ({@code *_PASSWORD}, {@code *_SECRET},
     * {@code *_TOKEN}) whose value reaches no key under the sections read so far ({@link #bind},
     * {@link #read}). Such a variable is ignored: most often because no file declares the key it is
     * meant for ({@code DB_PASSWORD} applies only where some file defines {@code db}). Values are never
     * shown. Call it once the service has bound its sections.
     *
     * @return one warning per such variable, by name; empty when there is none
     */
    public List<ConfigProblem> unusedSecretVariables() {
        State now = state;
        return SecretVariables.unused(now.request().env(), now.loaded().config(), boundSections());
    }

    /** Returns whether the value at {@code path} is masked in dumps. */
    public boolean isSecret(String path) {
        Assembly.Loaded loaded = state.loaded();
        return loaded.secretPaths().contains(path) || loaded.masking().isSecret(path);
    }

    /**
     * Lists every effective value, sorted by path, with the layer and origin that set it; secret
     * values are masked. Lists are reported as one value.
     */
    public List<ConfigEntry> explain() {
        Assembly.Loaded loaded = state.loaded();
        List<ConfigEntry> entries = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : loaded.config().entrySet()) {
            String path = entry.getKey();
            ConfigValue value = entry.getValue();
            boolean secret =
                    loaded.secretPaths().contains(path) || loaded.masking().isSecret(path);
            String text = secret ? MASK : text(value);
            String layer = loaded.layerByPath().getOrDefault(path, "resolved");
            entries.add(new ConfigEntry(path, text, layer, value.origin().description(), secret));
        }
        entries.sort((a, b) -> a.path().compareTo(b.path()));
        return List.copyOf(entries);
    }

    /** Renders {@link #explain()} as text, one {@code path = value  # layer, origin} per line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (ConfigEntry entry : explain()) {
            out.append(entry.path())
                    .append(" = ")
                    .append(entry.value())
                    .append("  # ")
                    .append(entry.layer())
                    .append(", ")
                    .append(entry.origin())
                    .append('\n');
        }
        return out.toString();
    }

    /** Files this configuration was read from that may change at run time (external and secret files). */
    public Set<Path> watchedFiles() {
        return Set.copyOf(state.loaded().files());
    }

    /**
     * Loads the configuration again with the same seams, as a new {@code ChassisConfig}; this one is
     * left as it is. Used by {@link ConfigReloader}.
     *
     * @throws ConfigProblemsException when the configuration is now invalid
     */
    public ChassisConfig reload() {
        Assembly.Request request = state.request();
        return new ChassisConfig(request, Assembly.load(request));
    }

    /** A configuration fixed at what this one is now; it never follows a reload. */
    ChassisConfig snapshot() {
        State now = state;
        return new ChassisConfig(now.request(), now.loaded());
    }

    /**
     * Reads every remembered section from {@code next}.
     *
     * @return every problem found; empty when {@code next} can be put in force
     */
    List<ConfigProblem> recheck(ChassisConfig next) {
        Config config = next.config();
        ConfigRules rules = new ConfigRules(config);
        for (Section section : sections.values()) {
            try {
                rules.collect(() -> section.reader().apply(config));
            } catch (RuntimeException e) {
                rules.add(new ConfigProblem(
                        rules.originOf(section.path()),
                        section.path(),
                        "cannot be read: "
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }
        return rules.problems();
    }

    /** Puts {@code next} in force here: from now on this configuration answers as {@code next} does. */
    void follow(ChassisConfig next) {
        state = next.state;
    }

    private void remember(String path, String kind, Function<Config, ?> reader) {
        sections.putIfAbsent(path + "|" + kind, new Section(path, reader));
    }

    private static String text(ConfigValue value) {
        return value.valueType() == ConfigValueType.STRING
                ? (String) value.unwrapped()
                : value.render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    @Override
    public String toString() {
        return "ChassisConfig" + profiles();
    }
}
