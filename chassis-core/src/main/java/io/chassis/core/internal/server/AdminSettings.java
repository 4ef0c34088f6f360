package io.chassis.core.internal.server;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;

/**
 * The validated {@code chassis.admin} section.
 *
 * @param enabled whether the admin listener runs
 * @param port its port, 0 for an ephemeral one
 * @param host interface to bind
 * @param tls TLS on the admin listener
 */
public record AdminSettings(
        boolean enabled, int port, String host, io.chassis.core.internal.tls.ServerTlsSettings tls) {

    /**
     * Binds and validates {@code chassis.admin}.
     *
     * @param config the resolved configuration
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every invalid value
     */
    public static AdminSettings from(Config config) {
        AdminSettings s = ConfigBinder.bind(config, "chassis.admin", AdminSettings.class);
        new ConfigRules(config)
                .addAll(
                        s.enabled
                                ? io.chassis.core.internal.tls.ServerTlsSettings.problems(config, "chassis.admin.tls")
                                : java.util.List.of())
                .require(
                        s.port >= 0 && s.port <= 65535,
                        "chassis.admin.port",
                        "be between 0 and 65535",
                        s.port,
                        "Use 0 for a free port.")
                .throwIfAny();
        return s;
    }
}
