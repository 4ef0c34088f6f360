package io.chassis.core.spi;

/**
 * A health check a module contributes. The health module (not core) runs them and serves the
 * result; core only collects them.
 */
@FunctionalInterface
public interface HealthContribution {

    /**
     * Checks one dependency or internal state. Should be quick and must not throw for an unhealthy
     * state: return {@link HealthResult#down} instead.
     *
     * @return the result
     */
    HealthResult check();
}
