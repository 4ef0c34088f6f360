package io.chassis.resilience.internal;

import static io.chassis.config.ConfigRules.check;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code chassis.resilience.server}: rate limit and bulkhead for this service's own endpoints.
 *
 * @param rateLimiter instance for requests without a route entry, or none
 * @param bulkhead instance for requests without a route entry, or none
 * @param retryAfter Retry-After of 503 answers from a full bulkhead
 * @param routes per-route entries, which replace the global protection for their route
 * @param operations per-operation entries for calls of other transports (gRPC methods), which
 *     replace the global protection for their operation
 */
record ServerSettings(
        String rateLimiter, String bulkhead, Duration retryAfter, List<Route> routes, List<Operation> operations) {

    /**
     * @param route the route template exactly as registered, e.g. {@code /orders/{id}}
     * @param methods the methods it applies to; empty for all
     * @param rateLimiter instance or none; absent = none
     * @param bulkhead instance or none; absent = none
     */
    record Route(
            String route, Optional<List<String>> methods, Optional<String> rateLimiter, Optional<String> bulkhead) {}

    /**
     * @param operation {@code package.Service/Method}, or {@code package.Service/*} for every method
     * @param rateLimiter instance or none; absent = none
     * @param bulkhead instance or none; absent = none
     */
    record Operation(String operation, Optional<String> rateLimiter, Optional<String> bulkhead) {}

    ServerSettings {
        check(!retryAfter.isNegative(), "retry-after", "be zero or positive", retryAfter, "Use e.g. 1s.");
    }
}
