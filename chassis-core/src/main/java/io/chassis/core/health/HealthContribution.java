package io.chassis.core.health;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named {@link HealthCheck} with the questions it answers and how much it matters. Core only
 * collects contributions (from the builder, modules and configuration); the health module runs and
 * serves them.
 *
 * <pre>{@code
 * HealthContribution.of("db", () -> HealthResult.up());              // readiness, critical
 * HealthContribution.builder("cache", cache::ping)
 *         .kinds(HealthKind.READINESS).critical(false).timeout(Duration.ofMillis(500)).build();
 * }</pre>
 *
 * @param name unique name, shown in reports and used as metric tag, e.g. {@code db}
 * @param kinds the questions it answers; not empty
 * @param critical false when a DOWN result should show but not fail the report (it then counts as
 *     DEGRADED)
 * @param timeout how long one run may take; empty for {@code chassis.health.timeout}
 * @param check the check
 */
public record HealthContribution(
        String name, Set<HealthKind> kinds, boolean critical, Optional<Duration> timeout, HealthCheck check) {

    /**
     * Creates a contribution.
     *
     * @throws IllegalArgumentException if name is blank, kinds is empty or timeout is not positive
     * @throws NullPointerException if an argument is null
     */
    public HealthContribution {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(timeout, "timeout");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a health check name must not be blank");
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("health check '" + name + "' must have at least one kind");
        }
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
            throw new IllegalArgumentException(
                    "health check '" + name + "' must have a positive timeout, but was '" + timeout.get() + "'");
        }
        kinds = Set.copyOf(kinds);
    }

    /**
     * @param name unique name
     * @param check the check
     * @return a critical readiness check with the default timeout
     */
    public static HealthContribution of(String name, HealthCheck check) {
        return builder(name, check).build();
    }

    /**
     * @param name unique name
     * @param check the check
     * @return a builder, by default for a critical readiness check with the default timeout
     */
    public static Builder builder(String name, HealthCheck check) {
        return new Builder(name, check);
    }

    /** Builds a {@link HealthContribution}. */
    public static final class Builder {

        private final String name;
        private final HealthCheck check;
        private Set<HealthKind> kinds = EnumSet.of(HealthKind.READINESS);
        private boolean critical = true;
        private Duration timeout;

        private Builder(String name, HealthCheck check) {
            this.name = name;
            this.check = check;
        }

        /**
         * @param first a question the check answers
         * @param more further ones
         * @return this builder
         */
        public Builder kinds(HealthKind first, HealthKind... more) {
            this.kinds = EnumSet.of(first, more);
            return this;
        }

        /**
         * @param critical false to report a DOWN result without failing the report
         * @return this builder
         */
        public Builder critical(boolean critical) {
            this.critical = critical;
            return this;
        }

        /**
         * @param timeout how long one run may take
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @return the contribution
         * @throws IllegalArgumentException see {@link HealthContribution#HealthContribution}
         */
        public HealthContribution build() {
            return new HealthContribution(name, kinds, critical, Optional.ofNullable(timeout), check);
        }
    }
}
