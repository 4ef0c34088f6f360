package io.chassis.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.internal.Assembly;
import io.chassis.config.internal.Masking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service's configuration: one immutable, resolved typesafe {@link Config} assembled from
 * reference defaults, application files, profile overlays, external files, environment variables and
 * system properties (lowest first), plus the knowledge of which layer set each value.
 */
public final class ChassisConfig {

    /** What {@link #explain()} and {@link #render()} show instead of a secret value. */
    public static final String MASK = Masking.MASK;

    private final Assembly.Request request;
    private final Assembly.Loaded loaded;

    ChassisConfig(Assembly.Request request, Assembly.Loaded loaded) {
        this.request = request;
        this.loaded = loaded;
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

    /** Returns the resolved configuration. */
    public Config config() {
        return loaded.config();
    }

    /** Returns the active profiles in the order they apply (a later one wins). */
    public List<String> profiles() {
        return loaded.profiles();
    }

    /**
     * Binds the section at {@code path} to {@code type}; see {@link ConfigBinder}.
     *
     * @throws ConfigProblemsException listing every problem in that section
     */
    public <T> T bind(String path, Class<T> type) {
        return ConfigBinder.bind(loaded.config(), path, type);
    }

    /** Returns whether the value at {@code path} is masked in dumps. */
    public boolean isSecret(String path) {
        return loaded.secretPaths().contains(path) || loaded.masking().isSecret(path);
    }

    /**
     * Lists every effective value, sorted by path, with the layer and origin that set it; secret
     * values are masked. Lists are reported as one value.
     */
    public List<ConfigEntry> explain() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : loaded.config().entrySet()) {
            String path = entry.getKey();
            ConfigValue value = entry.getValue();
            boolean secret = isSecret(path);
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
        return Set.copyOf(loaded.files());
    }

    /**
     * Loads the configuration again with the same seams; used by {@link ConfigReloader}.
     *
     * @throws ConfigProblemsException when the configuration is now invalid
     */
    public ChassisConfig reload() {
        return new ChassisConfig(request, Assembly.load(request));
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
