package io.chassis.core.internal.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import io.chassis.core.internal.admin.AdminProtection;
import io.chassis.core.internal.admin.TrustedNetworks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated {@code chassis.admin} section.
 *
 * @param enabled whether the admin listener runs
 * @param port its port, 0 for an ephemeral one
 * @param host interface to bind
 * @param token the bearer token protected endpoints require, if any (a secret)
 * @param trustedNetworks CIDR blocks whose callers protected endpoints answer when no token is configured
 * @param endpoints protection overrides by path template
 * @param tls TLS on the admin listener
 */
public record AdminSettings(
        boolean enabled,
        int port,
        String host,
        Optional<String> token,
        List<String> trustedNetworks,
        Map<String, AdminProtection> endpoints,
        io.chassis.core.internal.tls.ServerTlsSettings tls) {

    private static final String P = "chassis.admin.";

    /**
     * Binds and validates {@code chassis.admin}.
     *
     * @param config the resolved configuration
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every invalid value
     */
    public static AdminSettings from(Config config) {
        AdminSettings s = ConfigBinder.bind(config, "chassis.admin", AdminSettings.class);
        ConfigRules rules = new ConfigRules(config)
                .addAll(
                        s.enabled
                                ? io.chassis.core.internal.tls.ServerTlsSettings.problems(config, "chassis.admin.tls")
                                : java.util.List.of())
                .require(
                        s.port >= 0 && s.port <= 65535,
                        P + "port",
                        "be between 0 and 65535",
                        s.port,
                        "Use 0 for a free port.")
                .require(
                        s.token.isEmpty() || s.token.get().strip().length() >= 16,
                        P + "token",
                        "be at least 16 characters long",
                        s.token.orElse(""),
                        "Use a random value, e.g. from 'openssl rand -hex 32', read from a secret file:"
                                + " token: \"${file:/run/secrets/admin-token}\".");
        for (int i = 0; i < s.trustedNetworks.size(); i++) {
            String cidr = s.trustedNetworks.get(i);
            String problem = TrustedNetworks.problem(cidr);
            rules.require(
                    problem == null,
                    P + "trusted-networks[" + i + "]",
                    "be an IP address literal with an optional /prefix length (" + problem + ")",
                    cidr,
                    "Use e.g. 127.0.0.1/32 or ::1/128.");
        }
        for (String template : s.endpoints.keySet()) {
            rules.require(
                    template.startsWith("/"),
                    ConfigUtil.joinPath("chassis", "admin", "endpoints", template),
                    "be an admin path template starting with '/'",
                    template,
                    "Quote the path: \"/config\" = open.");
        }
        rules.throwIfAny();
        return s;
    }

    /** @return the token as compared: without surrounding white space (a secret file's trailing newline) */
    public Optional<String> effectiveToken() {
        return token.map(String::strip);
    }
}
