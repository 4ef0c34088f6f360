package io.chassis.core.internal.server;

import io.chassis.config.ConfigRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The validated {@code chassis.http.cors} section.
 *
 * @param enabled whether the HTTP listener answers CORS at all
 * @param allowedOrigins origins ({@code scheme://host[:port]}) allowed to call, or {@code *} for any
 * @param allowedMethods methods a preflight allows
 * @param allowedHeaders request headers a preflight allows; {@code *} allows the ones asked for
 * @param exposedHeaders response headers a script may read
 * @param allowCredentials whether a browser may send cookies and authorization
 * @param maxAge how long a browser may cache a preflight answer
 */
public record CorsSettings(
        boolean enabled,
        List<String> allowedOrigins,
        List<String> allowedMethods,
        List<String> allowedHeaders,
        List<String> exposedHeaders,
        boolean allowCredentials,
        Duration maxAge) {

    private static final String P = "chassis.http.cors.";

    /**
     * Validates {@code chassis.http.cors} (bound with the rest of {@code chassis.http}).
     *
     * @param s the bound section
     * @param rules where the problems go
     */
    static void check(CorsSettings s, ConfigRules rules) {
        rules.require(
                        !s.enabled || !s.allowedOrigins.isEmpty(),
                        P + "allowed-origins",
                        "name at least one origin when chassis.http.cors.enabled is true",
                        s.allowedOrigins,
                        "Use e.g. [\"https://app.example.com\"].")
                .require(
                        !(s.allowCredentials && s.allowedOrigins.contains("*")),
                        P + "allowed-origins",
                        "list the origins by name when allow-credentials is true (browsers refuse '*' with"
                                + " credentials)",
                        s.allowedOrigins,
                        "Name each origin, or set chassis.http.cors.allow-credentials = false.")
                .require(
                        !(s.allowCredentials && s.allowedHeaders.contains("*")),
                        P + "allowed-headers",
                        "list the headers by name when allow-credentials is true",
                        s.allowedHeaders,
                        "Use e.g. [Content-Type, Authorization].")
                .require(!s.maxAge.isNegative(), P + "max-age", "be zero or positive", s.maxAge, "Use e.g. 10m.");
        for (int i = 0; i < s.allowedOrigins.size(); i++) {
            String origin = s.allowedOrigins.get(i);
            rules.require(
                    isOrigin(origin),
                    P + "allowed-origins[" + i + "]",
                    "be '*' or an origin scheme://host[:port] in lower case, without path or trailing slash",
                    origin,
                    "Use e.g. https://app.example.com or http://localhost:3000.");
        }
        tokens(rules, s.allowedMethods, "allowed-methods", "GET");
        tokens(rules, s.allowedHeaders, "allowed-headers", "Content-Type");
        tokens(rules, s.exposedHeaders, "exposed-headers", "X-Request-Id");
    }

    private static void tokens(ConfigRules rules, List<String> values, String key, String example) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            rules.require(
                    isToken(value),
                    P + key + "[" + i + "]",
                    "be an HTTP token (letters, digits, '-', no spaces)",
                    value,
                    "Use e.g. " + example + ".");
        }
    }

    /** The serialized origin a browser sends: scheme, host, optional port; nothing else. */
    static boolean isOrigin(String origin) {
        if (origin.equals("*")) {
            return true;
        }
        if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && origin.equals(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
