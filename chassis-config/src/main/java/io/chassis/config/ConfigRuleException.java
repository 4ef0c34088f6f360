package io.chassis.config;

import io.chassis.config.internal.Masking;
import io.chassis.config.internal.Problems;
import java.util.Objects;

/**
 * A settings record's rule broken in its compact constructor, thrown by {@link ConfigRules#check}.
 *
 * <p>The {@link ConfigBinder} reports it like every other problem: at the record's path plus {@link
 * #key()}, with the origin (file and line) of that key's own value and the house message {@code must
 * <rule>, but was '<value>'. <fix>}. Thrown elsewhere (a record built in code), its message is {@code
 * <key> must <rule>, but was '<value>'. <fix>}; the value is masked when the key looks secret.
 */
public final class ConfigRuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String rule;
    private final transient Object value;
    private final String fix;

    /**
     * @param key the offending key relative to the record, as written in configuration ({@code
     *     max-wait-duration}; dotted for a nested one, {@code window.size})
     * @param rule what the value must do, starting with a verb ({@code be at least 1})
     * @param value the value found
     * @param fix how to fix it, e.g. {@code Use e.g. 3.}; empty for none
     */
    public ConfigRuleException(String key, String rule, Object value, String fix) {
        super(Objects.requireNonNull(key, "key") + " " + Problems.broken(rule, shown(key, value), fix));
        this.key = key;
        this.rule = Objects.requireNonNull(rule, "rule");
        this.value = value;
        this.fix = fix == null ? "" : fix;
    }

    /** @return the offending key relative to the record, dotted for a nested one */
    public String key() {
        return key;
    }

    /** @return what the value must do, starting with a verb */
    public String rule() {
        return rule;
    }

    /** @return the value found (not masked; the binder masks it when shown) */
    public Object value() {
        return value;
    }

    /** @return how to fix it; empty for none */
    public String fix() {
        return fix;
    }

    private static String shown(String key, Object value) {
        return Masking.defaults().isSecret(key) ? Masking.MASK : String.valueOf(value);
    }
}
