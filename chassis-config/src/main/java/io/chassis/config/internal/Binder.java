package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.config.ConfigRuleException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds configuration to records and plain classes, collecting every problem before it throws.
 * Runs at startup only, so reflection here is fine.
 */
public final class Binder {

    private final Masking masking;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private Binder(Masking masking) {
        this.masking = masking;
    }

    /**
     * Binds the value at {@code path} (the whole config for an empty path) to {@code type}.
     *
     * @throws ConfigProblemsException listing every missing, mistyped or unknown value
     */
    public static <T> T bind(Config config, String path, Class<T> type) {
        Binder binder = new Binder(Masking.from(config));
        ConfigValue value = path.isEmpty() ? config.root() : config.hasPath(path) ? config.getValue(path) : null;
        Object bound = binder.value(value, path, type, parentOrigin(config, path));
        if (!binder.problems.isEmpty()) {
            throw new ConfigProblemsException(binder.problems);
        }
        return type.cast(bound);
    }

    Object value(ConfigValue value, String path, Type type, ConfigOrigin parent) {
        Class<?> raw = Types.raw(type);
        if (value != null && value.valueType() == ConfigValueType.NULL) {
            value = null; // reference.conf declares optional keys as `key = null`
        }
        if (raw == Optional.class) {
            return value == null
                    ? Optional.empty()
                    : Optional.ofNullable(value(value, path, Types.arg(type, 0), parent));
        }
        if (value == null) {
            problems.add(new ConfigProblem(
                    describe(parent),
                    path,
                    "must be set (" + Types.describe(type) + "), but was missing. Add it to application.yaml or"
                            + " set the environment variable " + envName(path) + "."));
            return null;
        }
        if (Scalars.handles(raw)) {
            return scalar(value, path, raw);
        }
        if (raw == List.class || raw == Set.class || raw == java.util.Collection.class) {
            return collection(value, path, type, raw == Set.class);
        }
        if (raw == Map.class) {
            return map(value, path, type);
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            return mistyped(value, path, "be an object with keys (" + Types.describe(type) + ")");
        }
        ConfigObject object = (ConfigObject) value;
        if (raw == Config.class) {
            return object.toConfig();
        }
        return raw.isRecord() ? Objects.record(this, object, path, raw) : Objects.bean(this, object, path, raw);
    }

    private Object scalar(ConfigValue value, String path, Class<?> raw) {
        if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
            return mistyped(value, path, Scalars.rule(raw));
        }
        try {
            return Scalars.convert(value.atKey("v"), raw);
        } catch (ConfigException | IllegalArgumentException e) {
            return mistyped(value, path, Scalars.rule(raw));
        }
    }

    private Object collection(ConfigValue value, String path, Type type, boolean set) {
        if (value.valueType() != ConfigValueType.LIST && value.valueType() != ConfigValueType.OBJECT) {
            return mistyped(value, path, "be a list");
        }
        List<? extends ConfigValue> items;
        try {
            items = value.atKey("v").getList("v");
        } catch (ConfigException.WrongType e) {
            return mistyped(value, path, "be a list");
        }
        List<Object> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(value(items.get(i), path + "[" + i + "]", Types.arg(type, 0), value.origin()));
        }
        return set
                ? java.util.Collections.unmodifiableSet(new LinkedHashSet<>(out))
                : java.util.Collections.unmodifiableList(out);
    }

    private Object map(ConfigValue value, String path, Type type) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            return mistyped(value, path, "be an object of named entries");
        }
        if (Types.raw(Types.arg(type, 0)) != String.class) {
            throw new IllegalArgumentException("only Map<String, ?> can be bound, not " + type);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ConfigObject object = (ConfigObject) value;
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String child = child(path, entry.getKey());
            out.put(entry.getKey(), value(entry.getValue(), child, Types.arg(type, 1), object.origin()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    Object mistyped(ConfigValue value, String path, String rule) {
        problems.add(new ConfigProblem(
                value.origin().description(), path, "must " + rule + ", but was " + shown(value, path) + "."));
        return null;
    }

    void problem(ConfigOrigin origin, String path, String message) {
        problems.add(new ConfigProblem(describe(origin), path, message));
    }

    /**
     * Reports a rule a record's compact constructor (or a bean's setter) broke with {@link
     * ConfigRuleException}: at the key's full path and its own origin, in the house format.
     *
     * @param object the object bound
     * @param path the object's path
     * @param broken what the constructor threw; its key is relative to the object
     * @param fallback named when the key has no single origin (it is missing, say)
     */
    void broken(ConfigObject object, String path, ConfigRuleException broken, ConfigOrigin fallback) {
        String full = path.isEmpty() ? broken.key() : path + "." + broken.key();
        ConfigValue value = Origins.find(object, broken.key());
        String shown = masking.hides(full, value) ? Masking.MASK : String.valueOf(broken.value());
        problems.add(new ConfigProblem(
                Origins.of(object, broken.key(), fallback), full, Problems.broken(broken.rule(), shown, broken.fix())));
    }

    private String shown(ConfigValue value, String path) {
        return switch (value.valueType()) {
            case OBJECT -> "an object";
            case LIST -> "a list";
            default -> masking.hides(path, value) ? "'" + Masking.MASK + "'" : "'" + value.unwrapped() + "'";
        };
    }

    static String child(String path, String key) {
        String quoted = ConfigUtil.joinPath(key);
        return path.isEmpty() ? quoted : path + "." + quoted;
    }

    private static String describe(ConfigOrigin origin) {
        return origin == null ? "" : origin.description();
    }

    private static ConfigOrigin parentOrigin(Config config, String path) {
        List<String> segments = new ArrayList<>(path.isEmpty() ? List.of() : ConfigUtil.splitPath(path));
        while (segments.size() > 1) {
            segments.remove(segments.size() - 1);
            String parent = ConfigUtil.joinPath(segments);
            if (config.hasPath(parent)) {
                return config.getValue(parent).origin();
            }
        }
        return config.root().origin();
    }

    /** The variable that would set {@code path} even if no file mentions it. */
    static String envName(String path) {
        StringBuilder name = new StringBuilder();
        for (String segment : ConfigUtil.splitPath(path.replaceAll("\\[\\d+]", ""))) {
            if (name.length() > 0) {
                name.append('_');
            }
            name.append(segment.replace("-", "__").toUpperCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }
}
