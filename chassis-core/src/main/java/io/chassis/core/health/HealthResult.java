package io.chassis.core.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link HealthCheck}.
 *
 * @param status UP, DEGRADED or DOWN
 * @param message a short reason, e.g. {@code "connection refused"}; empty when there is nothing to
 *     say
 * @param details extra information shown on the admin port when details are enabled; no secrets;
 *     kept in insertion order
 */
public record HealthResult(HealthStatus status, String message, Map<String, Object> details) {

    /**
     * Creates a result.
     *
     * @throws NullPointerException if status is null, or details contain a null key or value
     */
    public HealthResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        details = details == null ? Map.of() : ordered(details);
    }

    private static Map<String, Object> ordered(Map<String, Object> details) {
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return Collections.unmodifiableMap(copy);
    }

    /** @return an UP result without message or details */
    public static HealthResult up() {
        return new HealthResult(HealthStatus.UP, "", Map.of());
    }

    /**
     * @param details what was seen, e.g. {@code Map.of("freeBytes", 123)}
     * @return an UP result with details
     */
    public static HealthResult up(Map<String, Object> details) {
        return new HealthResult(HealthStatus.UP, "", details);
    }

    /**
     * @param message why it is impaired
     * @return a DEGRADED result
     */
    public static HealthResult degraded(String message) {
        return new HealthResult(HealthStatus.DEGRADED, message, Map.of());
    }

    /**
     * @param message why it does not work
     * @return a DOWN result
     */
    public static HealthResult down(String message) {
        return new HealthResult(HealthStatus.DOWN, message, Map.of());
    }

    /**
     * Adds one detail.
     *
     * @param key the detail's name
     * @param value its value (text, number, boolean, list or map)
     * @return a copy of this result with the detail added or replaced
     */
    public HealthResult withDetail(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new HealthResult(status, message, copy);
    }
}
