package io.chassis.config;

import com.typesafe.config.Config;
import io.chassis.config.internal.Binder;

/**
 * Binds a configuration section to a Java record or plain class.
 *
 * <p>Record components and bean properties map to kebab-case keys ({@code maxBodySize} reads
 * {@code max-body-size}). Supported types: primitives and their wrappers, {@code String},
 * {@code BigDecimal}, enums (case-insensitive, '-' for '_'), {@code Duration} ({@code 5s},
 * {@code 250ms}), {@code ConfigMemorySize} ({@code 10MiB}), {@code URI}, {@code Path},
 * {@code List}, {@code Set}, {@code Map<String, T>}, {@code Optional}, nested records and classes,
 * and {@code Config} for a raw subsection. Keys that match no component are reported too.
 *
 * <p>A record's compact constructor may validate with {@link ConfigRules#check}: the {@link
 * ConfigRuleException} it throws is reported at the record's path plus the key, with that key's own
 * origin, as {@code must <rule>, but was '<value>'. <fix>}. Any other {@code IllegalArgumentException}
 * is reported at the record's path with its message.
 */
public final class ConfigBinder {

    private ConfigBinder() {}

    /**
     * Binds the section at {@code path} of {@code config} (the whole config when empty) to {@code type}.
     *
     * @throws ConfigProblemsException listing every missing, mistyped, invalid or unknown value, each
     *     with its origin (file and line, or environment variable), path, rule and the value found
     * @throws IllegalArgumentException if {@code type} cannot be bound at all (no usable constructor)
     */
    public static <T> T bind(Config config, String path, Class<T> type) {
        return Binder.bind(config, path, type);
    }
}
