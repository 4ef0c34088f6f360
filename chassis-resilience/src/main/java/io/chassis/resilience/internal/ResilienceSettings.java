package io.chassis.resilience.internal;

import static io.chassis.config.ConfigRules.check;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblemsException;
import io.chassis.config.ConfigRules;
import io.chassis.core.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param section e.g. {@code circuit-breaker}: the same word a profile uses to name an instance
     * @param defaults the defaults; null when they could not be bound
     * @param named the instances that could be bound
     * @param configured every instance name configured, bound or not (references are checked against it)
     */
    record Kind<T>(String section, T defaults, Map<String, T> named, Set<String> configured) {

        /** @return the settings of an instance: the named one's, else the defaults */
        T settings(String name) {
            return named.getOrDefault(name, defaults);
        }

        /** @return true when a profile may name this instance (own name: the defaults apply when unconfigured) */
        boolean accepts(String name, String ownName) {
            return name == null
                    || name.equals(ProfileSettings.DEFAULT)
                    || name.equals(ownName)
                    || configured.contains(name);
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

    /** @return the five kinds of instance, in the order they protect a call */
    List<Kind<?>> kinds() {
        return List.of(retries, circuitBreakers, rateLimiters, timeLimiters, bulkheads);
    }

    /**
     * @throws ConfigProblemsException listing every problem of the whole section: values and
     *     references to instances together
     */
    static ResilienceSettings from(Config config) {
        ConfigRules problems = new ConfigRules(config);
        ResilienceSettings settings = bind(config, problems);
        problems.throwIfAny();
        return settings;
    }

    /**
     * Binds what can be bound and records every problem, references included; never throws for
     * invalid values, so that callers can go on checking what depends on the section.
     */
    static ResilienceSettings bind(Config config, ConfigRules problems) {
        var cb = kind(config, problems, "circuit-breaker", CircuitBreakerSettings.class);
        var retry = kind(config, problems, "retry", RetrySettings.class);
        var rl = kind(config, problems, "rate-limiter", RateLimiterSettings.class);
        var bh = kind(config, problems, "bulkhead", BulkheadSettings.class);
        var tl = kind(config, problems, "time-limiter", TimeLimiterSettings.class);
        Map<String, ProfileSettings> profiles =
                named(config, problems, "profiles", P + "profile-defaults", ProfileSettings.class);
        problems.collect(() -> ConfigBinder.bind(config, P + "profile-defaults", ProfileSettings.class));
        Http http = problems.collect(() -> ConfigBinder.bind(config, P + "http", Http.class));
        Health health = problems.collect(() -> ConfigBinder.bind(config, P + "health", Health.class));
        ServerSettings server = problems.collect(() -> ConfigBinder.bind(config, P + "server", ServerSettings.class));
        ResilienceSettings settings = new ResilienceSettings(
                cb, retry, rl, bh, tl, profiles, http == null ? Set.of() : http.retryStatuses(), health, server);
        References references = new References(config, settings);
        profiles.forEach(
                (name, profile) -> references.profile(P + "profiles." + ConfigUtil.joinPath(name), profile, name));
        if (server != null) {
            references.server(server);
        }
        problems.addAll(references.problems());
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

    private static <T> Kind<T> kind(Config config, ConfigRules problems, String section, Class<T> type) {
        String defaultsPath = P + "defaults." + section;
        T defaults = problems.collect(() -> ConfigBinder.bind(config, defaultsPath, type));
        Set<String> configured = Set.copyOf(config.getObject(P + section).keySet());
        return new Kind<>(section, defaults, named(config, problems, section, defaultsPath, type), configured);
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
