package io.chassis.resilience.internal;

import io.chassis.core.http.Context;
import io.chassis.core.http.HttpProblem;
import io.chassis.core.http.ServerFilter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Protects this service's own endpoints: a rate limit answering {@code 429} and a bulkhead answering
 * {@code 503}, both problem+json with {@code Retry-After}, instead of queueing without bound. A route
 * entry replaces the global protection for its route (and methods).
 */
final class ServerProtection implements ServerFilter {

    /** The protection of one route (or of everything else). */
    record Guard(Set<String> methods, RateLimiter rateLimiter, String rateRetryAfter, Bulkhead bulkhead) {}

    private final Guard global;
    private final Map<String, List<Guard>> byRoute;
    private final String retryAfter;

    ServerProtection(Guard global, Map<String, List<Guard>> byRoute, long retryAfterSeconds) {
        this.global = global;
        this.byRoute = new HashMap<>(byRoute); // HashMap: get(null) for unmatched requests is fine
        this.retryAfter = Long.toString(retryAfterSeconds);
    }

    /** @return the filter, or empty when neither a global nor a route protection is configured */
    static Optional<ServerFilter> from(ServerSettings settings, Instances instances) {
        Guard global = guard(Set.of(), settings.rateLimiter(), settings.bulkhead(), instances);
        Map<String, List<Guard>> byRoute = new HashMap<>();
        for (ServerSettings.Route route : settings.routes()) {
            Set<String> methods = Set.copyOf(route.methods().orElse(List.of()).stream()
                    .map(m -> m.toUpperCase(java.util.Locale.ROOT))
                    .toList());
            Guard guard = guard(
                    methods,
                    route.rateLimiter().orElse(ProfileSettings.NONE),
                    route.bulkhead().orElse(ProfileSettings.NONE),
                    instances);
            byRoute.computeIfAbsent(route.route(), r -> new ArrayList<>()).add(guard);
        }
        boolean none = global.rateLimiter() == null && global.bulkhead() == null && byRoute.isEmpty();
        long retryAfter = Math.max(1, (settings.retryAfter().toMillis() + 999) / 1000);
        return none ? Optional.empty() : Optional.of(new ServerProtection(global, byRoute, retryAfter));
    }

    private static Guard guard(Set<String> methods, String rateLimiter, String bulkhead, Instances instances) {
        String rl = ProfileSettings.resolve(rateLimiter, null);
        String bh = ProfileSettings.resolve(bulkhead, null);
        return new Guard(
                methods,
                rl == null ? null : instances.rateLimiter(rl),
                rl == null
                        ? null
                        : Long.toString(
                                instances.settings().rateLimiters().settings(rl).retryAfterSeconds()),
                bh == null ? null : instances.bulkhead(bh));
    }

    @Override
    public Object filter(Context ctx, Next next) throws Exception {
        Guard guard = guard(ctx.route(), ctx.method());
        if (guard.rateLimiter() != null && !guard.rateLimiter().acquirePermission()) {
            ctx.responseHeader("Retry-After", guard.rateRetryAfter());
            throw new HttpProblem(429, "Too Many Requests", "The rate limit of this endpoint is reached. Retry later.");
        }
        Bulkhead bulkhead = guard.bulkhead();
        if (bulkhead != null) {
            if (!bulkhead.tryAcquirePermission()) {
                ctx.responseHeader("Retry-After", retryAfter);
                throw new HttpProblem(
                        503, "Service Unavailable", "Too many requests to this endpoint are in progress. Retry later.");
            }
            ctx.onComplete(bulkhead::onComplete); // released when the answer is sent, also for async handlers
        }
        return next.proceed();
    }

    private Guard guard(String route, String method) {
        List<Guard> guards = byRoute.get(route);
        if (guards != null) {
            for (Guard guard : guards) {
                if (guard.methods().isEmpty() || guard.methods().contains(method)) {
                    return guard;
                }
            }
        }
        return global;
    }
}
