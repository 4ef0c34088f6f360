package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds environment variables that look like secrets but reach nothing the service reads. An
 * environment variable only applies under a top-level key some file defines, so {@code DB_PASSWORD}
 * alone is silently ignored when no file has a {@code db} section; and a key outside every bound
 * section is never read.
 */
public final class SecretVariables {

    /** Name endings of variables that carry a secret. */
    static final List<String> SUFFIXES = List.of("_PASSWORD", "_SECRET", "_TOKEN");

    private SecretVariables() {}

    /**
     * @param env the environment the configuration was loaded with
     * @param config the resolved configuration
     * @param bound the paths of the sections the service read (bound)
     * @return one warning per variable named like a secret whose value is the value of no key under
     *     those sections, sorted by name; values are never shown
     */
    public static List<ConfigProblem> unused(Map<String, String> env, Config config, Set<String> bound) {
        Set<String> sections = outermost(bound);
        List<ConfigProblem> warnings = new ArrayList<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            if (!looksSecret(name)
                    || !EnvironmentLayer.isMappable(name)
                    || value == null
                    || value.isEmpty()
                    || readBy(config, sections, value)) {
                continue;
            }
            String path = EnvironmentLayer.pathOf(name, config.root());
            warnings.add(new ConfigProblem(
                    "environment variable " + name,
                    path,
                    "is not read by the service, so the variable is ignored: no key under the sections it binds ("
                            + String.join(", ", sections) + ") has its value. Declare the key in application.yaml"
                            + " under a section the service binds and fill it from the variable (" + path + ": ${"
                            + name + "}), or read the secret from a mounted file (" + path
                            + ": \"${file:/run/secrets/...}\"); see docs/configuration.md, Secrets."));
        }
        return warnings;
    }

    /** {@code chassis} covers {@code chassis.logging}: only the outermost sections, sorted. */
    private static Set<String> outermost(Set<String> sections) {
        Set<String> outer = new TreeSet<>();
        for (String section : sections) {
            boolean inner = sections.stream().anyMatch(other -> other.isEmpty() || section.startsWith(other + "."));
            if (!inner || section.isEmpty()) {
                outer.add(section);
            }
        }
        return outer;
    }

    static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SUFFIXES.stream().anyMatch(upper::endsWith);
    }

    private static boolean readBy(Config config, Set<String> sections, String value) {
        for (String section : sections) {
            ConfigValue found = Origins.find(config.root(), section);
            if (found != null && holds(found, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(ConfigValue node, String value) {
        if (node instanceof ConfigObject object) {
            return object.values().stream().anyMatch(child -> holds(child, value));
        }
        if (node instanceof ConfigList list) {
            return list.stream().anyMatch(child -> holds(child, value));
        }
        return node.valueType() != ConfigValueType.NULL && value.equals(String.valueOf(node.unwrapped()));
    }
}
