package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Assembles the layers into one resolved config; see {@code docs/configuration.md} for the rules. */
public final class Assembly {

    /** What the loader was asked to do; kept so a reload repeats it exactly. */
    public record Request(
            Map<String, String> env, Properties systemProperties, Map<String, ?> overrides, ClassLoader classLoader) {}

    /** The outcome of a load. */
    public record Loaded(
            Config config,
            List<String> profiles,
            Map<String, String> layerByPath,
            Set<String> secretPaths,
            Set<Path> files,
            Masking masking) {}

    private record Layer(String name, Config config) {}

    private Assembly() {}

    /**
     * Loads all layers.
     *
     * @throws ConfigProblemsException with every problem found in any layer
     */
    public static Loaded load(Request request) {
        List<ConfigProblem> problems = new ArrayList<>();
        Loaded loaded = load(request, problems);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        return loaded;
    }

    /**
     * Loads all layers, going on past a source that cannot be read: it contributes nothing and its
     * problem is recorded.
     *
     * @param problems receives every problem found in any layer
     * @return what the readable sources give; null when they cannot be resolved into one configuration
     */
    public static Loaded load(Request request, List<ConfigProblem> problems) {
        Placeholders placeholders = new Placeholders(name -> {
            String value = request.env().get(name);
            return value != null ? value : request.systemProperties().getProperty(name);
        });
        Sources sources = new Sources(request.classLoader(), new YamlReader(placeholders));
        Set<Path> files = new LinkedHashSet<>();
        List<Layer> layers = new ArrayList<>();

        Config reference = sources.resource("reference.conf", ConfigSyntax.CONF, problems);
        layers.add(new Layer("reference", reference));
        layers.add(new Layer("application", sources.classpath("application", problems)));
        List<String> profiles = profiles(request);
        for (String profile : profiles) {
            layers.add(new Layer("profile:" + profile, sources.classpath("application-" + profile, problems)));
        }
        Config external = ConfigFactory.empty();
        for (Path file : externalFiles(request)) {
            files.add(file);
            external = sources.file(file, namedBy(request, file), problems).withFallback(external);
        }
        layers.add(new Layer("external", external));
        Config lower = merge(layers);
        layers.add(new Layer("environment", EnvironmentLayer.from(request.env(), lower)));
        layers.add(new Layer("system-properties", systemProperties(request.systemProperties(), lower)));
        layers.add(new Layer("overrides", ConfigFactory.parseMap(request.overrides(), "overrides given in code")));

        Config config = resolve(merge(layers), request.env(), problems);
        Set<String> secretPaths = new LinkedHashSet<>();
        if (config != null) {
            config = Secrets.read(config, secretPaths, files, problems);
            UnknownKeys.check(config.root(), reference.root(), problems);
            try {
                Binder.bind(config, "chassis.config", ConfigSettings.class);
            } catch (ConfigProblemsException e) {
                problems.addAll(e.problems());
            }
        }
        if (config == null) {
            return null;
        }
        return new Loaded(config, profiles, layerByPath(layers), secretPaths, files, Masking.from(config));
    }

    private static Config merge(List<Layer> layers) {
        Config merged = ConfigFactory.empty();
        for (Layer layer : layers) {
            merged = layer.config().withFallback(merged);
        }
        return merged;
    }

    /** HOCON substitutions may name environment variables; they come from the seam, not the process. */
    private static Config resolve(Config merged, Map<String, String> env, List<ConfigProblem> problems) {
        try {
            Config source = merged.withFallback(
                    ConfigValueFactory.fromMap(env, "environment variables").toConfig());
            return merged.resolveWith(source, ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        } catch (ConfigException e) {
            problems.add(Problems.of(e, "Define the key it refers to, or use ${?name} to make it optional"));
            return null;
        }
    }

    static List<String> profiles(Request request) {
        String text = request.systemProperties().getProperty("chassis.profile");
        if (text == null) {
            text = request.env().get("CHASSIS_PROFILE");
        }
        return split(text);
    }

    private static List<Path> externalFiles(Request request) {
        List<Path> files = new ArrayList<>();
        split(request.env().get("CHASSIS_CONFIG")).forEach(name -> files.add(Path.of(name)));
        split(request.systemProperties().getProperty("config.file")).forEach(name -> files.add(Path.of(name)));
        return files;
    }

    private static String namedBy(Request request, Path file) {
        String sys = request.systemProperties().getProperty("config.file");
        return sys != null && split(sys).contains(file.toString())
                ? "system property config.file"
                : "environment variable CHASSIS_CONFIG";
    }

    private static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    /** System properties apply, like environment variables, to chassis.* and to sections the files define. */
    private static Config systemProperties(Properties properties, Config lower) {
        Config layer = ConfigFactory.empty("system properties");
        for (String name : properties.stringPropertyNames()) {
            List<String> path;
            try {
                path = ConfigUtil.splitPath(name);
            } catch (ConfigException.BadPath e) {
                continue;
            }
            if (path.get(0).equals("chassis") || lower.root().containsKey(path.get(0))) {
                ConfigValue value = ConfigValueFactory.fromAnyRef(properties.getProperty(name))
                        .withOrigin(ConfigOriginFactory.newSimple("system property " + name));
                layer = layer.withValue(name, value);
            }
        }
        return layer;
    }

    private static Map<String, String> layerByPath(List<Layer> layers) {
        Map<String, String> byPath = new HashMap<>();
        for (Layer layer : layers) {
            leaves(layer.config().root(), "", layer.name(), byPath);
        }
        return byPath;
    }

    private static void leaves(ConfigObject object, String prefix, String layer, Map<String, String> byPath) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String path = prefix.isEmpty()
                    ? ConfigUtil.joinPath(entry.getKey())
                    : prefix + "." + ConfigUtil.joinPath(entry.getKey());
            if (entry.getValue() instanceof ConfigObject child) {
                leaves(child, path, layer, byPath);
            } else {
                byPath.put(path, layer);
            }
        }
    }
}
