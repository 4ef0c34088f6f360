package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps environment variables to configuration paths.
 *
 * <ul>
 *   <li>The name is lower-cased; {@code _} separates path segments and {@code __} stands for a
 *       {@code -} inside a segment: {@code ORDERS_DB_URL} sets {@code orders.db.url},
 *       {@code CHASSIS_HTTP_MAX__BODY__SIZE} sets {@code chassis.http.max-body-size}.
 *   <li>Where the lower layers already define a key, {@code _} also matches the {@code -} inside
 *       it: {@code CHASSIS_HTTP_MAX_BODY_SIZE} finds {@code chassis.http.max-body-size}.
 *   <li>A variable applies when its path starts with {@code chassis} or with a top-level key the
 *       lower layers define, so {@code PATH} or {@code HOME} never leak into the configuration.
 *   <li>{@code CHASSIS_CONFIG} names external files and is not mapped.
 *   <li>{@code PORT} (12-factor) sets {@code chassis.http.port} unless {@code CHASSIS_HTTP_PORT} is set.
 * </ul>
 */
final class EnvironmentLayer {

    static final String PORT_PATH = "chassis.http.port";

    private EnvironmentLayer() {}

    /** Returns the layer built from {@code env}, matched against {@code lower} (unresolved is fine). */
    static Config from(Map<String, String> env, Config lower) {
        ConfigObject root = lower.root();
        Map<String, ConfigValue> byPath = new TreeMap<>();
        String port = env.get("PORT");
        if (port != null) {
            byPath.put(PORT_PATH, value(port, "PORT"));
        }
        for (Map.Entry<String, String> variable : env.entrySet()) {
            String name = variable.getKey();
            if (name.equals("PORT") || name.equals("CHASSIS_CONFIG") || !isMappable(name)) {
                continue;
            }
            List<String> path = path(tokens(name), root);
            if (path.get(0).equals("chassis") || root.containsKey(path.get(0))) {
                byPath.put(ConfigUtil.joinPath(path), value(variable.getValue(), name));
            }
        }
        Config layer = ConfigFactory.empty("environment variables");
        for (Map.Entry<String, ConfigValue> entry : byPath.entrySet()) {
            layer = layer.withValue(entry.getKey(), entry.getValue());
        }
        return layer;
    }

    /** Returns the path {@code name} maps to, following the keys of {@code root} where it can. */
    static String pathOf(String name, ConfigObject root) {
        return ConfigUtil.joinPath(path(tokens(name), root));
    }

    private static ConfigValue value(String text, String variable) {
        return ConfigValueFactory.fromAnyRef(text)
                .withOrigin(ConfigOriginFactory.newSimple("environment variable " + variable));
    }

    static boolean isMappable(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.endsWith("_")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** Splits on single underscores; a double underscore becomes a '-' inside the token. */
    static List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '_' && i + 1 < lower.length() && lower.charAt(i + 1) == '_') {
                token.append('-');
                i++;
            } else if (c == '_') {
                tokens.add(token.toString());
                token.setLength(0);
            } else {
                token.append(c);
            }
        }
        tokens.add(token.toString());
        return tokens;
    }

    /** Follows existing keys where it can (joining tokens with '-'), then takes tokens as segments. */
    private static List<String> path(List<String> tokens, ConfigObject node) {
        List<String> path = new ArrayList<>();
        int i = 0;
        ConfigObject current = node;
        while (i < tokens.size()) {
            int matched = 0;
            String key = null;
            if (current != null) {
                for (int end = tokens.size(); end > i && key == null; end--) {
                    key = findKey(current, tokens.subList(i, end));
                    matched = end - i;
                }
            }
            if (key == null) {
                path.add(tokens.get(i));
                i++;
                current = null;
            } else {
                path.add(key);
                i += matched;
                ConfigValue child = current.get(key);
                current = child instanceof ConfigObject object ? object : null;
            }
        }
        return path;
    }

    private static String findKey(ConfigObject object, List<String> tokens) {
        String wanted = String.join("", tokens).replace("-", "");
        for (String key : object.keySet()) {
            if (normalize(key).equals(wanted)) {
                return key;
            }
        }
        return null;
    }

    private static String normalize(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '-' && c != '_') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
