package io.chassis.security.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigRules;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds and checks every issuer under {@code chassis.security.jwt.issuers}, each over {@code
 * issuer-defaults}: all problems at once, each naming its key.
 */
final class Issuers {

    static final String ISSUERS = "chassis.security.jwt.issuers";
    private static final String DEFAULTS = "chassis.security.jwt.issuer-defaults";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /**
     * @param issuers the issuers, in the order configured
     * @param warnings what is allowed but unwise (a JWK set over plain http)
     */
    record Checked(List<Issuer> issuers, List<ConfigProblem> warnings) {}

    private final Config config;
    private final ConfigRules problems;
    private final List<ConfigProblem> warnings = new ArrayList<>();

    private Issuers(Config config) {
        this.config = config;
        this.problems = new ConfigRules(config);
    }

    /**
     * @return the issuers, checked, with their keys read
     * @throws io.chassis.config.ConfigProblemsException listing every problem of every issuer
     */
    static Checked check(Config config) {
        Issuers issuers = new Issuers(config);
        List<Issuer> all = issuers.all();
        issuers.problems.throwIfAny();
        return new Checked(all, List.copyOf(issuers.warnings));
    }

    private List<Issuer> all() {
        List<Issuer> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        // sorted: the configuration keeps no order, and problems and logs should not change from run to run
        for (String name : new java.util.TreeSet<>(config.getObject(ISSUERS).keySet())) {
            String path = ISSUERS + "." + ConfigUtil.joinPath(name);
            IssuerSettings s = problems.collect(() -> {
                Config own = config.getConfig(path).withFallback(config.getConfig(DEFAULTS));
                return ConfigBinder.bind(
                        own.atPath(path).withFallback(config.withoutPath(path)), path, IssuerSettings.class);
            });
            if (s == null) {
                continue;
            }
            Issuer issuer = issuer(name, path, s);
            if (s.issuer().isPresent()) {
                String other = seen.putIfAbsent(s.iss(), path);
                problems.require(
                        other == null,
                        path + ".issuer",
                        "differ from every other issuer's",
                        s.iss(),
                        "It is also " + other + ".issuer; a token's iss picks one issuer.");
            }
            if (issuer != null) {
                out.add(issuer);
            }
        }
        return out;
    }

    /** @return the issuer, or null when it has problems (recorded) */
    private Issuer issuer(String name, String path, IssuerSettings s) {
        int before = problems.problems().size();
        String p = path + ".";
        problems.require(
                        s.issuer().isPresent() && !s.iss().isBlank(),
                        p + "issuer",
                        "be set",
                        s.issuer().orElse(null),
                        "Set the exact iss of the issuer's tokens, e.g. issuer = \"https://id.example.com/\".")
                .require(
                        !s.audiences().isEmpty() && s.audiences().stream().noneMatch(String::isBlank),
                        p + "audiences",
                        "name at least one audience, none blank",
                        s.audiences(),
                        "List the aud values meant for this service, e.g. audiences = [orders-api].")
                .require(
                        !s.clockSkew().isNegative() && s.clockSkew().compareTo(MAX_SKEW) <= 0,
                        p + "clock-skew",
                        "be between 0s and 5m",
                        s.clockSkew(),
                        "Use e.g. 30s.");
        for (String claim : List.of("subject-claim", "scopes-claim", "roles-claim")) {
            String value =
                    switch (claim) {
                        case "subject-claim" -> s.subjectClaim();
                        case "scopes-claim" -> s.scopesClaim();
                        default -> s.rolesClaim();
                    };
            problems.require(
                    value != null && !value.isBlank(), p + claim, "name a claim", value, "e.g. sub, scope, roles.");
        }
        Set<JWSAlgorithm> algorithms = algorithms(p, s);
        URL url = s.jwksUrl().isEmpty() ? null : url(p, s.jwksUrl().get());
        JWKSet keys = null;
        if (s.jwksUrl().isEmpty() && s.keys().isEmpty()) {
            problems.require(
                    false,
                    p + "jwks-url",
                    "be set when keys is empty",
                    null,
                    "Set jwks-url to the issuer's JWK set URL, or list its public keys in keys.");
        } else if (s.jwksUrl().isPresent() && !s.keys().isEmpty()) {
            problems.require(
                    false,
                    p + "keys",
                    "be empty when jwks-url is set",
                    s.keys().size() + " entries",
                    "Use either the JWK set URL or static keys.");
        } else if (s.jwksUrl().isPresent()) {
            jwks(p, s.jwks());
            problems.require(
                    algorithms.stream().noneMatch(Algorithms::isHmac),
                    p + "algorithms",
                    "hold no HMAC algorithm (HS256, HS384, HS512) with a jwks-url",
                    s.algorithms(),
                    "A JWK set publishes public keys; an HMAC secret is never published. Use RS256 or ES256.");
        } else {
            keys = keys(p, s, algorithms);
        }
        if (problems.problems().size() > before) {
            return null;
        }
        Set<JOSEObjectType> types = new LinkedHashSet<>();
        s.tokenTypes().forEach(t -> types.add(new JOSEObjectType(t)));
        return new Issuer(name, path, s, Set.copyOf(algorithms), url, keys, Set.copyOf(types));
    }

    private Set<JWSAlgorithm> algorithms(String p, IssuerSettings s) {
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        for (String name : s.algorithms()) {
            if (name.equalsIgnoreCase("none")) {
                problems.require(
                        false,
                        p + "algorithms",
                        "never contain none",
                        s.algorithms(),
                        "An unsigned token proves nothing; remove none.");
                continue;
            }
            JWSAlgorithm algorithm = Algorithms.named(name);
            problems.require(
                    algorithm != null,
                    p + "algorithms",
                    "name supported algorithms (" + Algorithms.names() + ")",
                    name,
                    "Names are case-sensitive, e.g. RS256.");
            if (algorithm != null) {
                out.add(algorithm);
            }
        }
        problems.require(
                !s.algorithms().isEmpty(),
                p + "algorithms",
                "name at least one algorithm",
                s.algorithms(),
                "Use e.g. [RS256, ES256].");
        boolean hmac = out.stream().anyMatch(Algorithms::isHmac);
        boolean publicKey = out.stream().anyMatch(a -> !Algorithms.isHmac(a));
        problems.require(
                !(hmac && publicKey),
                p + "algorithms",
                "not mix HMAC (HS*) with public-key algorithms",
                s.algorithms(),
                "An HMAC token must never be checked against a public key: configure HMAC and public-key"
                        + " issuers separately.");
        return out;
    }

    private URL url(String p, String jwksUrl) {
        try {
            URI uri = new URI(jwksUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                    warnings.add(new ConfigRules(config)
                            .require(
                                    false,
                                    p + "jwks-url",
                                    "use https",
                                    jwksUrl,
                                    "Keys fetched over plain http can be replaced on the way.")
                            .problems()
                            .get(0));
                }
                return uri.toURL();
            }
        } catch (Exception e) {
            // reported below
        }
        problems.require(
                false,
                p + "jwks-url",
                "be an http or https URL",
                jwksUrl,
                "e.g. jwks-url = \"https://id.example.com/.well-known/jwks.json\".");
        return null;
    }

    /** Literal loopback names and addresses only: no name is looked up. */
    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private void jwks(String p, IssuerSettings.Jwks j) {
        String q = p + "jwks.";
        problems.require(
                        j.cacheLifetime().toMillis() > 0,
                        q + "cache-lifetime",
                        "be positive",
                        j.cacheLifetime(),
                        "Use e.g. 5m.")
                .require(
                        !j.refreshAhead().isNegative(),
                        q + "refresh-ahead",
                        "be zero or positive",
                        j.refreshAhead(),
                        "Use e.g. 30s, or 0s to turn it off.")
                .require(
                        j.refreshTimeout().toMillis() > 0,
                        q + "refresh-timeout",
                        "be positive",
                        j.refreshTimeout(),
                        "Use e.g. 5s.")
                .require(
                        j.refreshAhead().plus(j.refreshTimeout()).compareTo(j.cacheLifetime()) <= 0,
                        q + "refresh-ahead",
                        "be at most cache-lifetime (" + j.cacheLifetime() + ") minus refresh-timeout ("
                                + j.refreshTimeout() + ")",
                        j.refreshAhead(),
                        "Shorten refresh-ahead or refresh-timeout, or lengthen cache-lifetime.")
                .require(
                        j.minRefreshInterval().toMillis() > 0
                                && j.minRefreshInterval().compareTo(j.cacheLifetime()) < 0,
                        q + "min-refresh-interval",
                        "be positive and below cache-lifetime (" + j.cacheLifetime() + ")",
                        j.minRefreshInterval(),
                        "Use e.g. 30s.")
                .require(
                        j.connectTimeout().toMillis() > 0 && j.connectTimeout().toMillis() <= Integer.MAX_VALUE,
                        q + "connect-timeout",
                        "be positive",
                        j.connectTimeout(),
                        "Use e.g. 1s.")
                .require(
                        j.readTimeout().toMillis() > 0 && j.readTimeout().toMillis() <= Integer.MAX_VALUE,
                        q + "read-timeout",
                        "be positive",
                        j.readTimeout(),
                        "Use e.g. 2s.")
                .require(
                        j.sizeLimit().toBytes() >= 1024 && j.sizeLimit().toBytes() <= 16L * 1024 * 1024,
                        q + "size-limit",
                        "be between 1KiB and 16MiB",
                        j.sizeLimit(),
                        "Use e.g. 128KiB.")
                .require(
                        !j.outageTolerance().isNegative(),
                        q + "outage-tolerance",
                        "be zero or positive",
                        j.outageTolerance(),
                        "Use e.g. 1h, or 0s to turn it off.");
    }

    private JWKSet keys(String p, IssuerSettings s, Set<JWSAlgorithm> algorithms) {
        List<JWK> all = new ArrayList<>();
        for (int i = 0; i < s.keys().size(); i++) {
            String entry = s.keys().get(i);
            String path = p + "keys[" + i + "]";
            String shown = entry.strip().startsWith("{") || entry.strip().startsWith("-----")
                    ? "<inline key, " + entry.length() + " characters>"
                    : entry;
            try {
                for (JWK key : StaticKeys.read(entry)) {
                    String unusable = unusable(key, algorithms);
                    problems.require(
                            unusable == null,
                            path,
                            "hold keys that an algorithm in algorithms " + s.algorithms() + " verifies",
                            shown,
                            unusable == null ? "" : unusable);
                    all.add(key);
                }
            } catch (IllegalArgumentException e) {
                problems.require(false, path, e.getMessage(), shown, "");
            }
        }
        return new JWKSet(all);
    }

    /** @return why no allowed algorithm can use the key, or null when one can */
    private static String unusable(JWK key, Set<JWSAlgorithm> algorithms) {
        KeyType type = key.getKeyType();
        for (JWSAlgorithm algorithm : algorithms) {
            if (!Algorithms.keyType(algorithm).equals(type)) {
                continue;
            }
            if (type.equals(KeyType.EC)) {
                Curve curve = ((ECKey) key).getCurve();
                if (!Curve.forJWSAlgorithm(algorithm).contains(curve)) {
                    continue;
                }
            }
            if (type.equals(KeyType.OCT) && key.size() < 256) {
                return "An HMAC secret must have at least 256 bits, but has " + key.size() + ".";
            }
            return null;
        }
        return "It is an " + type.getValue() + " key"
                + (type.equals(KeyType.EC) ? " on " + ((ECKey) key).getCurve() : "")
                + "; allow an algorithm for it or remove it.";
    }
}
