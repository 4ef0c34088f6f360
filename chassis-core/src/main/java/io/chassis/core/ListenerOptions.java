package io.chassis.core;

import java.util.Map;
import java.util.Objects;

/**
 * Typed settings of one listener ({@code chassis.http} or {@code chassis.admin}) set in code. They
 * are applied above every configuration layer and validated with it at start, like {@link
 * ChassisBuilder#configOverride}; configuration stays the usual way to set them.
 *
 * <pre>{@code
 * Chassis.builder().http(h -> h.port(0).host("127.0.0.1").set("max-body-size", "1MiB"));
 * }</pre>
 */
public final class ListenerOptions {

    private final String section;
    private final Map<String, Object> overrides;

    ListenerOptions(String section, Map<String, Object> overrides) {
        this.section = section;
        this.overrides = overrides;
    }

    /**
     * @param port the port; 0 for an ephemeral one (the bound port is logged and reported)
     * @return this
     */
    public ListenerOptions port(int port) {
        return set("port", port);
    }

    /**
     * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @return this
     */
    public ListenerOptions host(String host) {
        return set("host", Objects.requireNonNull(host, "host"));
    }

    /**
     * Sets any key of the listener's section, e.g. {@code set("max-body-size", "1MiB")}.
     *
     * @param key a key under {@code chassis.http} or {@code chassis.admin}
     * @param value its value, in the form the configuration takes
     * @return this
     */
    public ListenerOptions set(String key, Object value) {
        overrides.put(section + "." + Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }
}
