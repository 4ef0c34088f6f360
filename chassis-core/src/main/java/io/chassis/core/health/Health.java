package io.chassis.core.health;

import java.util.function.Consumer;

/**
 * Health checks of the service. The health module (chassis-health) runs them and serves them on the
 * admin port; without it, checks are collected but not served.
 *
 * <pre>{@code
 * app.health().add("db", db::ping);                                   // critical readiness
 * app.health().add("cache", cache::ping, c -> c.critical(false).timeout(Duration.ofMillis(300)));
 * app.health().add("worker", worker::alive, c -> c.kinds(HealthKind.LIVENESS));
 * }</pre>
 */
public interface Health {

    /**
     * Adds a critical readiness check with the default timeout ({@code chassis.health.timeout}).
     *
     * @param name unique name, e.g. {@code db}
     * @param check the check
     * @return this
     * @throws IllegalArgumentException if the name is blank or already used
     */
    default Health add(String name, HealthCheck check) {
        return add(HealthContribution.of(name, check));
    }

    /**
     * Adds a check with options.
     *
     * @param name unique name
     * @param check the check
     * @param options kinds, criticality and timeout, e.g. {@code c -> c.critical(false)}
     * @return this
     * @throws IllegalArgumentException if the name is blank or already used, or an option is invalid
     */
    default Health add(String name, HealthCheck check, Consumer<HealthContribution.Builder> options) {
        HealthContribution.Builder builder = HealthContribution.builder(name, check);
        options.accept(builder);
        return add(builder.build());
    }

    /**
     * Adds a check built elsewhere.
     *
     * @param contribution the check with its name, kinds and criticality
     * @return this
     * @throws IllegalArgumentException if a check with the same name was already added
     */
    Health add(HealthContribution contribution);

    /** @return the lifecycle flags: started once start() finished, ready until shutdown begins */
    Readiness readiness();
}
