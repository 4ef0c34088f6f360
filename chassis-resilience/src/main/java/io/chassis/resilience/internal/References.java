package io.chassis.resilience.internal;

import com.typesafe.config.Config;
import io.chassis.config.ConfigRules;
import java.util.TreeSet;

/** Checks that every instance a profile or the server section names exists, collecting problems. */
final class References {

    private final ResilienceSettings settings;
    private final ConfigRules problems;

    References(Config config, ResilienceSettings settings) {
        this.settings = settings;
        this.problems = new ConfigRules(config);
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
            problems.require(
                    route.route() != null && route.route().startsWith("/"),
                    at + ".route",
                    "be a route template starting with '/'",
                    route.route(),
                    "Copy it from the route registration, e.g. /orders/{id}.");
        }
        for (int i = 0; i < server.operations().size(); i++) {
            ServerSettings.Operation entry = server.operations().get(i);
            String at = path + ".operations[" + i + "]";
            check(
                    at + ".rate-limiter",
                    entry.rateLimiter().orElse(ProfileSettings.NONE),
                    null,
                    settings.rateLimiters());
            check(at + ".bulkhead", entry.bulkhead().orElse(ProfileSettings.NONE), null, settings.bulkheads());
            String op = entry.operation();
            int slash = op == null ? -1 : op.indexOf('/');
            problems.require(
                    slash > 0 && slash < op.length() - 1 && !op.startsWith("/"),
                    at + ".operation",
                    "be a gRPC method as package.Service/Method, or package.Service/* for all of a service",
                    op,
                    "E.g. currency.v1.CurrencyService/GetRate.");
        }
    }

    private void check(String path, String value, String ownName, ResilienceSettings.Kind<?> kind) {
        if (kind.accepts(ProfileSettings.resolve(value, ownName), ownName)) {
            return;
        }
        String configured = kind.configured().isEmpty()
                ? "none configured"
                : "configured: " + String.join(", ", new TreeSet<>(kind.configured()));
        problems.require(
                false,
                path,
                "be none, default, {name} or an instance under chassis.resilience." + kind.section() + " (" + configured
                        + ")",
                value,
                "Configure it or fix the name.");
    }

    /** @throws io.chassis.config.ConfigProblemsException when a name was unknown */
    java.util.List<io.chassis.config.ConfigProblem> problems() {
        return problems.problems();
    }

    void throwIfAny() {
        problems.throwIfAny();
    }
}
