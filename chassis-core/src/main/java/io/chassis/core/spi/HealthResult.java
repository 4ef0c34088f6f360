package io.chassis.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link HealthContribution}.
 *
 * @param name what was checked, e.g. {@code database}
 * @param status UP or DOWN
 * @param details extra information, safe to expose on the admin port (no secrets)
 */
public record HealthResult(String name, Status status, Map<String, Object> details) {

    /** Whether the checked thing works. */
    public enum Status {
        /** Works. */
        UP,
        /** Does not work. */
        DOWN
    }

    /**
     * Creates a result.
     *
     * @throws NullPointerException if name or status is null
     */
    public HealthResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /**
     * @param name what was checked
     * @return an UP result without details
     */
    public static HealthResult up(String name) {
        return new HealthResult(name, Status.UP, Map.of());
    }

    /**
     * @param name what was checked
     * @param details why it is down
     * @return a DOWN result
     */
    public static HealthResult down(String name, Map<String, Object> details) {
        return new HealthResult(name, Status.DOWN, details);
    }
}
