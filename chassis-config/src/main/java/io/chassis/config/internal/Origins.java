package io.chassis.config.internal;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the value at a path (list items written {@code routes[0]} included) and the origin a problem
 * about it should name.
 */
public final class Origins {

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private static final String MERGE = "merge of ";

    private Origins() {}

    /**
     * @param root the object (or config root) the path is relative to
     * @param path a path such as {@code a.b}, {@code a."quoted.key"} or {@code a.list[2].b}; empty for the root
     * @return the value, a {@code NULL} value when set to null, or {@code null} when absent or the path is malformed
     */
    public static ConfigValue find(ConfigValue root, String path) {
        Walk walk = walk(root, path);
        return walk.found ? walk.last() : null;
    }

    /**
     * The origin a problem about {@code path} names: the value's own origin when it is a scalar or a
     * list; for a missing or null value, or an object (whose origin may be a merge of several layers),
     * the nearest enclosing object or list (the object itself included) that comes from one place with
     * a line number; else {@code fallback}; else the origin the config gives (the null value's, or the
     * deepest existing parent's).
     *
     * @param root the object (or config root) the path is relative to
     * @param path the path, see {@link #find}
     * @param fallback named when no single located origin is found; may be null
     * @return the origin's description; empty when nothing is known
     */
    public static String of(ConfigValue root, String path, ConfigOrigin fallback) {
        Walk walk = walk(root, path);
        ConfigValue last = walk.last();
        if (walk.found && last.valueType() != ConfigValueType.NULL && last.valueType() != ConfigValueType.OBJECT) {
            return describe(last.origin());
        }
        for (int i = walk.chain.size() - 1; i >= 0; i--) {
            ConfigValue value = walk.chain.get(i);
            boolean container =
                    value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST;
            if (container && located(value.origin())) {
                return describe(value.origin());
            }
        }
        return describe(fallback != null ? fallback : last.origin());
    }

    /** @return whether the origin is one place with a line number, not a merge of several layers */
    static boolean located(ConfigOrigin origin) {
        return origin != null
                && origin.lineNumber() > 0
                && !origin.description().startsWith(MERGE);
    }

    private static String describe(ConfigOrigin origin) {
        return origin == null ? "" : origin.description();
    }

    private static Walk walk(ConfigValue root, String path) {
        List<ConfigValue> chain = new ArrayList<>();
        chain.add(root);
        List<Object> steps = steps(path);
        if (steps == null) {
            return new Walk(chain, false);
        }
        ConfigValue current = root;
        for (Object step : steps) {
            ConfigValue next = null;
            if (step instanceof String key && current instanceof ConfigObject object) {
                next = object.get(key);
            } else if (step instanceof Integer index && current instanceof ConfigList list && index < list.size()) {
                next = list.get(index);
            }
            if (next == null) {
                return new Walk(chain, false);
            }
            chain.add(next);
            current = next;
        }
        return new Walk(chain, true);
    }

    /** The keys and list indexes of a path; null when it cannot be parsed. */
    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        try {
            Matcher index = INDEX.matcher(path);
            int from = 0;
            while (index.find()) {
                keys(path.substring(from, index.start()), steps);
                steps.add(Integer.valueOf(index.group(1)));
                from = index.end();
            }
            keys(path.substring(from), steps);
            return steps;
        } catch (ConfigException | NumberFormatException e) {
            return null;
        }
    }

    private static void keys(String part, List<Object> steps) {
        String keys = part.startsWith(".") ? part.substring(1) : part;
        if (!keys.isEmpty()) {
            steps.addAll(ConfigUtil.splitPath(keys));
        }
    }

    private record Walk(List<ConfigValue> chain, boolean found) {
        ConfigValue last() {
            return chain.get(chain.size() - 1);
        }
    }
}
