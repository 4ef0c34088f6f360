package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigMemorySize;
import com.typesafe.config.ConfigValue;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/** Conversions of single values; typesafe config does the parsing of numbers, durations and sizes. */
final class Scalars {

    private Scalars() {}

    static boolean handles(Class<?> type) {
        return type.isPrimitive()
                || type == String.class
                || Number.class.isAssignableFrom(type)
                || type == Boolean.class
                || type == Duration.class
                || type == ConfigMemorySize.class
                || type == URI.class
                || type == Path.class
                || type.isEnum()
                || type == Object.class
                || type == ConfigValue.class;
    }

    /** Converts the value at key {@code v} of {@code holder}; throws on a value of the wrong shape. */
    static Object convert(Config holder, Class<?> type) {
        if (type == String.class) {
            return holder.getString("v");
        } else if (type == int.class || type == Integer.class) {
            return holder.getInt("v");
        } else if (type == long.class || type == Long.class) {
            return holder.getLong("v");
        } else if (type == double.class || type == Double.class) {
            return holder.getDouble("v");
        } else if (type == float.class || type == Float.class) {
            return (float) holder.getDouble("v");
        } else if (type == boolean.class || type == Boolean.class) {
            return holder.getBoolean("v");
        } else if (type == BigDecimal.class) {
            return new BigDecimal(holder.getString("v").trim());
        } else if (type == Duration.class) {
            return holder.getDuration("v");
        } else if (type == ConfigMemorySize.class) {
            return holder.getMemorySize("v");
        } else if (type == URI.class) {
            return uri(holder.getString("v"));
        } else if (type == Path.class) {
            return Path.of(holder.getString("v"));
        } else if (type.isEnum()) {
            return constant(type, holder.getString("v"));
        } else if (type == ConfigValue.class) {
            return holder.getValue("v");
        } else if (type == Object.class) {
            return holder.getAnyRef("v");
        }
        throw new IllegalArgumentException("cannot bind configuration to " + type.getName());
    }

    /** The rule a value of {@code type} must follow, phrased to follow "must". */
    static String rule(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "be a whole number";
        } else if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
            return "be a number";
        } else if (type == boolean.class || type == Boolean.class) {
            return "be true or false";
        } else if (type == Duration.class) {
            return "be a duration such as 250ms, 5s or 2m";
        } else if (type == ConfigMemorySize.class) {
            return "be a size such as 512KiB or 10MiB";
        } else if (type == URI.class) {
            return "be a URI such as http://host:8080/path";
        } else if (type.isEnum()) {
            return "be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT);
        }
        return "be a single value (" + type.getSimpleName() + ")";
    }

    private static URI uri(String text) {
        try {
            return new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Object constant(Class<?> type, String text) {
        String wanted = text.trim().replace('-', '_');
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("no constant " + text);
    }
}
