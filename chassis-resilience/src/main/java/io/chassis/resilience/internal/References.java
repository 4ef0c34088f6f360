package io.chassis.resilience.internal;

import com.typesafe.config.Config;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Checks that every instance a profile or the server section names exists, collecting problems. */
final class References {

    private final Config config;
    private final ResilienceSettings settings;
    private final List<ConfigProblem> problems = new ArrayList<>();

    References(Config config, ResilienceSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    void profile(String path, ProfileSettings profile, String ownName) {
        check(path + ".circuit-breaker", profile.circuitBreaker(), ownName, settings.circuitBreakers());
        check(path + ".retry", profile.retry(), ownName, settings.retries());
        check(path + ".rate-limiter", profile.rateLimiter(), ownName, settings.rateLimiters());
        check(path + ".bulkhead", profile.bulkhead(), ownName, settings.bulkheads());
        check(path + ".time-limiter", profile.timeLimiter(), ownName, settings.timeLimiters());
    }

    void server(ServerSettings server) {
        String path = ResilienceSettings.P + "server";
        check(path + ".rate-limiter", server.rateLimiter(), null, settings.rateLimiters());
        check(path + ".bulkhead", server.bulkhead(), null, settings.bulkheads());
        for (int i = 0; i < server.routes().size(); i++) {
            ServerSettings.Route route = server.routes().get(i);
            String at = path + ".routes[" + i + "]";
            check(
                    at + ".rate-limiter",
                    route.rateLimiter().orElse(ProfileSettings.NONE),
                    null,
                    settings.rateLimiters());
            check(at + ".bulkhead", route.bulkhead().orElse(ProfileSettings.NONE), null, settings.bulkheads());
            if (route.route() == null || !route.route().startsWith("/")) {
                problems.add(new ConfigProblem(
                        origin(path + ".routes"),
                        at + ".route",
                        "must be a route template starting with '/', but was '" + route.route()
                                + "'. Copy it from the route registration, e.g. /orders/{id}."));
            }
        }
    }

    private void check(String path, String value, String ownName, ResilienceSettings.Kind<?> kind) {
        if (kind.accepts(ProfileSettings.resolve(value, ownName), ownName)) {
            return;
        }
        String configured = kind.named().isEmpty()
                ? "none configured"
                : "configured: " + String.join(", ", new TreeSet<>(kind.named().keySet()));
        problems.add(new ConfigProblem(
                origin(path),
                path,
                "must be none, default, {name} or an instance under chassis.resilience." + kind.section() + " ("
                        + configured + "), but was '" + value + "'. Configure it or fix the name."));
    }

    private String origin(String path) {
        return Optional.of(path)
                .filter(config::hasPath)
                .map(p -> config.getValue(p).origin().description())
                .orElse("");
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(List.copyOf(problems));
        }
    }
}
