package io.chassis.resilience.internal;

import io.chassis.core.spi.CallGuard;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code chassis.resilience.server} for calls of other transports (gRPC): the global rate limiter
 * and bulkhead, replaced for an operation (or a whole service, {@code package.Service/*}) that has
 * an {@code operations} entry.
 */
final class CallProtection implements CallGuard {

    private record Guard(RateLimiter rateLimiter, Duration rateRetryAfter, Bulkhead bulkhead) {}

    private final Guard global;
    private final Map<String, Guard> byOperation;
    private final Duration retryAfter;

    private CallProtection(Guard global, Map<String, Guard> byOperation, Duration retryAfter) {
        this.global = global;
        this.byOperation = byOperation;
        this.retryAfter = retryAfter;
    }

    /** @return the guard, or empty when nothing protects calls */
    static Optional<CallGuard> from(ServerSettings settings, Instances instances) {
        Guard global = guard(settings.rateLimiter(), settings.bulkhead(), instances);
        Map<String, Guard> byOperation = new HashMap<>();
        for (ServerSettings.Operation entry : settings.operations()) {
            byOperation.put(
                    entry.operation(),
                    guard(
                            entry.rateLimiter().orElse(ProfileSettings.NONE),
                            entry.bulkhead().orElse(ProfileSettings.NONE),
                            instances));
        }
        boolean none = global.rateLimiter() == null && global.bulkhead() == null && byOperation.isEmpty();
        Duration retryAfter = settings.retryAfter().isZero() ? Duration.ofSeconds(1) : settings.retryAfter();
        return none ? Optional.empty() : Optional.of(new CallProtection(global, Map.copyOf(byOperation), retryAfter));
    }

    private static Guard guard(String rateLimiter, String bulkhead, Instances instances) {
        String rl = ProfileSettings.resolve(rateLimiter, null);
        String bh = ProfileSettings.resolve(bulkhead, null);
        return new Guard(
                rl == null ? null : instances.rateLimiter(rl),
                rl == null
                        ? null
                        : Duration.ofSeconds(
                                instances.settings().rateLimiters().settings(rl).retryAfterSeconds()),
                bh == null ? null : instances.bulkhead(bh));
    }

    @Override
    public Permit enter(String transport, String operation) {
        Guard guard = guardOf(operation);
        if (guard.rateLimiter() != null && !guard.rateLimiter().acquirePermission()) {
            throw new Rejected(
                    Rejected.Reason.RATE_LIMITED,
                    guard.rateRetryAfter(),
                    "The rate limit of " + operation + " is reached. Retry later.");
        }
        Bulkhead bulkhead = guard.bulkhead();
        if (bulkhead == null) {
            return Permit.NONE;
        }
        if (!bulkhead.tryAcquirePermission()) {
            throw new Rejected(
                    Rejected.Reason.AT_CAPACITY,
                    retryAfter,
                    "Too many calls of " + operation + " are in progress. Retry later.");
        }
        return bulkhead::onComplete;
    }

    private Guard guardOf(String operation) {
        Guard exact = byOperation.get(operation);
        if (exact != null) {
            return exact;
        }
        int slash = operation.indexOf('/');
        Guard service = slash < 0 ? null : byOperation.get(operation.substring(0, slash + 1) + "*");
        return service != null ? service : global;
    }
}
