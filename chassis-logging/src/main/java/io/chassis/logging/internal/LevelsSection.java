package io.chassis.logging.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code chassis.logging.levels}. Logger names contain dots, which HOCON, system properties
 * and environment variables turn into nested objects unless quoted; both spellings are accepted,
 * so {@code levels."io.chassis" = debug} and {@code levels.io.chassis = debug} mean the same.
 */
public final class LevelsSection {

    private LevelsSection() {}

    /**
     * Returns logger name to level name, in config order; adds a problem for every value that is
     * not a level name. A {@code null} value is skipped (the logger inherits).
     */
    public static Map<String, String> read(Config config, String path, List<ConfigProblem> problems) {
        Map<String, String> levels = new LinkedHashMap<>();
        if (config.hasPath(path)) {
            walk(config.getObject(path), "", path, levels, problems);
        }
        return levels;
    }

    private static void walk(
            ConfigObject object, String prefix, String path, Map<String, String> out, List<ConfigProblem> problems) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String logger = prefix + entry.getKey();
            String entryPath = path + "." + ConfigUtil.joinPath(entry.getKey());
            ConfigValue value = entry.getValue();
            if (value.valueType() == ConfigValueType.OBJECT) {
                walk((ConfigObject) value, logger + ".", entryPath, out, problems);
            } else if (value.valueType() == ConfigValueType.STRING
                    && LevelNames.parseOrNull((String) value.unwrapped()) != null) {
                out.put(logger, (String) value.unwrapped());
            } else if (value.valueType() != ConfigValueType.NULL) {
                problems.add(new ConfigProblem(
                        value.origin().description(),
                        entryPath,
                        "must be one of " + LevelNames.ACCEPTED + ", but was '" + value.unwrapped()
                                + "'. Use one of those level names."));
            }
        }
    }
}
