package io.chassis.resilience.internal;

import static io.chassis.config.ConfigRules.check;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblemsException;
import io.chassis.config.ConfigRules;
import io.chassis.core.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything under {@code chassis.resilience}, bound and cross-checked at startup: each named
 * instance over its defaults, profiles over {@code profile-defaults}, and every instance a profile or
 * the server section names must exist.
 */
record ResilienceSettings(
        Kind<CircuitBreakerSettings> circuitBreakers,
        Kind<RetrySettings> retries,
        Kind<RateLimiterSettings> rateLimiters,
        Kind<BulkheadSettings> bulkheads,
        Kind<TimeLimiterSettings> timeLimiters,
        Map<String, ProfileSettings> profiles,
        Set<Integer> retryStatuses,
        Health health,
        ServerSettings server) {

    static final String P = "chassis.resilience.";

    /**
     * The defaults and the named instances of one kind of protection.
     *
     * @param section e.g. {@code circuit-breakers}
     */
    record Kind<T>(String section, T defaults, Map<String, T> named) {

        /** @return the settings of an instance: the named one's, else the defaults */
        T settings(String name) {
            return named.getOrDefault(name, defaults);
        }

        /** @return true when a profile may name this instance (own name: the defaults apply when unconfigured) */
        boolean accepts(String name, String ownName) {
            return name == null
                    || name.equals(ProfileSettings.DEFAULT)
                    || name.equals(ownName)
                    || named.containsKey(name);
        }
    }

    /** {@code chassis.resilience.health}. */
    record Health(boolean enabled, HealthStatus openState) {
        Health {
            check(
                    openState != HealthStatus.UP,
                    "open-state",
                    "be degraded or down",
                    "up",
                    "An open breaker is never UP.");
        }
    }

    record Http(Set<Integer> retryStatuses) {}

    /**
     * @throws ConfigProblemsException listing every problem of the whole section
     */
    static ResilienceSettings from(Config config) {
        ConfigRules problems = new ConfigRules(config);
        var cb = kind(config, problems, "circuit-breakers", "circuit-breaker", CircuitBreakerSettings.class);
        var retry = kind(config, problems, "retries", "retry", RetrySettings.class);
        var rl = kind(config, problems, "rate-limiters", "rate-limiter", RateLimiterSettings.class);
        var bh = kind(config, problems, "bulkheads", "bulkhead", BulkheadSettings.class);
        var tl = kind(config, problems, "time-limiters", "time-limiter", TimeLimiterSettings.class);
        Map<String, ProfileSettings> profiles =
                named(config, problems, "profiles", P + "profile-defaults", ProfileSettings.class);
        problems.collect(() -> ConfigBinder.bind(config, P + "profile-defaults", ProfileSettings.class));
        Http http = problems.collect(() -> ConfigBinder.bind(config, P + "http", Http.class));
        Health health = problems.collect(() -> ConfigBinder.bind(config, P + "health", Health.class));
        ServerSettings server = problems.collect(() -> ConfigBinder.bind(config, P + "server", ServerSettings.class));
        problems.throwIfAny();
        ResilienceSettings settings =
                new ResilienceSettings(cb, retry, rl, bh, tl, profiles, http.retryStatuses(), health, server);
        References references = new References(config, settings);
        profiles.forEach(
                (name, profile) -> references.profile(P + "profiles." + ConfigUtil.joinPath(name), profile, name));
        references.server(server);
        references.throwIfAny();
        return settings;
    }

    /**
     * Binds a client's or a profile's section over {@code profile-defaults}.
     *
     * @param path the section; may be absent
     * @param ownName what <code>{name}</code> stands for
     * @throws ConfigProblemsException when it is malformed or names unknown instances
     */
    ProfileSettings profile(Config config, String path, String ownName) {
        Config defaults = config.getConfig(P + "profile-defaults");
        Config own = config.hasPath(path) ? config.getConfig(path).withFallback(defaults) : defaults;
        ProfileSettings profile =
                ConfigBinder.bind(own.atPath(path).withFallback(config.withoutPath(path)), path, ProfileSettings.class);
        References references = new References(config, this);
        references.profile(path, profile, ownName);
        references.throwIfAny();
        return profile;
    }

    private static <T> Kind<T> kind(Config config, ConfigRules problems, String section, String single, Class<T> type) {
        String defaultsPath = P + "defaults." + single;
        T defaults = problems.collect(() -> ConfigBinder.bind(config, defaultsPath, type));
        return new Kind<>(section, defaults, named(config, problems, section, defaultsPath, type));
    }

    private static <T> Map<String, T> named(
            Config config, ConfigRules problems, String section, String defaultsPath, Class<T> type) {
        Map<String, T> out = new LinkedHashMap<>();
        for (String name : config.getObject(P + section).keySet()) {
            String path = P + section + "." + ConfigUtil.joinPath(name);
            T value = problems.collect(() -> {
                Config merged = config.getConfig(path).withFallback(config.getConfig(defaultsPath));
                return ConfigBinder.bind(merged.atPath(path).withFallback(config.withoutPath(path)), path, type);
            });
            if (value != null) {
                out.put(name, value);
            }
        }
        return Map.copyOf(out);
    }
}
