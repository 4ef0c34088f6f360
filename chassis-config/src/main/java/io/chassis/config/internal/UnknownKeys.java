package io.chassis.config.internal;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.chassis.config.ConfigProblem;
import java.util.List;
import java.util.Locale;

/**
 * Reports keys under {@code chassis} that no module's {@code reference.conf} declares. An object
 * that is empty in {@code reference.conf} (such as {@code chassis.clients {}}) holds user-named
 * entries, so anything goes below it; the binder checks those entries' own keys.
 */
final class UnknownKeys {

    private UnknownKeys() {}

    static void check(ConfigObject effective, ConfigObject reference, List<ConfigProblem> problems) {
        ConfigValue chassis = effective.get("chassis");
        ConfigValue known = reference.get("chassis");
        if (chassis instanceof ConfigObject object && known instanceof ConfigObject knownObject) {
            walk(object, knownObject, "chassis", problems);
        }
    }

    private static void walk(ConfigObject actual, ConfigObject known, String path, List<ConfigProblem> problems) {
        if (known.isEmpty()) {
            return;
        }
        for (String key : actual.keySet()) {
            String childPath = path + "." + ConfigUtil.joinPath(key);
            ConfigValue value = actual.get(key);
            if (!known.containsKey(key)) {
                problems.add(new ConfigProblem(
                        originOf(value).description(), childPath, "is not a known setting. " + hint(key, known, path)));
            } else if (value instanceof ConfigObject object && known.get(key) instanceof ConfigObject knownObject) {
                walk(object, knownObject, childPath, problems);
            }
        }
    }

    /** An object made on the way to a value (by an environment variable, say) has no useful origin. */
    private static ConfigOrigin originOf(ConfigValue value) {
        if (value instanceof ConfigObject object && !object.isEmpty()) {
            return originOf(object.values().iterator().next());
        }
        return value.origin();
    }

    private static String hint(String key, ConfigObject known, String path) {
        String best = Suggestions.closest(key, known.keySet());
        if (best != null) {
            return "Did you mean '" + path + "." + best + "'?";
        }
        if (path.equals("chassis")) {
            return "Is the module chassis-" + key.toLowerCase(Locale.ROOT) + " on the classpath? Known sections: "
                    + String.join(", ", known.keySet()) + ".";
        }
        return "Known keys here: " + String.join(", ", known.keySet()) + ".";
    }
}
