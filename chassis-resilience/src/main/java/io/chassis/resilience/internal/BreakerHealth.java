package io.chassis.resilience.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code circuit-breakers} health check: UP while every breaker is closed; an open breaker makes
 * it {@code chassis.resilience.health.open-state} (DEGRADED by default, so one failing downstream
 * does not take every instance out of the load balancer); half-open is DEGRADED. Details: each
 * breaker's state.
 */
final class BreakerHealth implements HealthCheck {

    private final CircuitBreakerRegistry registry;
    private final HealthStatus openState;

    BreakerHealth(CircuitBreakerRegistry registry, HealthStatus openState) {
        this.registry = registry;
        this.openState = openState;
    }

    @Override
    public HealthResult check() {
        Map<String, Object> states = new LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        HealthStatus status = HealthStatus.UP;
        for (CircuitBreaker breaker : registry.getAllCircuitBreakers()) {
            CircuitBreaker.State state = breaker.getState();
            states.put(breaker.getName(), state.name());
            if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
                open.add(breaker.getName());
                status = openState;
            } else if (state == CircuitBreaker.State.HALF_OPEN && status == HealthStatus.UP) {
                status = HealthStatus.DEGRADED;
            }
        }
        String message = open.isEmpty()
                ? (status == HealthStatus.UP ? "" : "circuit breakers probing (half-open)")
                : "circuit breakers open: " + String.join(", ", open);
        return new HealthResult(status, message, states);
    }
}
