package io.chassis.core.health;

/**
 * Checks one dependency or internal state, e.g. {@code () -> HealthResult.up()}.
 *
 * <p>Register it with a name, kinds and criticality as a {@link HealthContribution}. The health
 * module runs checks concurrently, with a timeout, and caches their results; a check may block (it
 * runs on a health thread) and should respond to interruption, which is how a timed-out check is
 * cancelled.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Runs the check once.
     *
     * @return the result; return {@link HealthResult#down(String)} for an unhealthy state
     * @throws Exception when the check itself fails; reported as DOWN with the exception's message
     */
    HealthResult check() throws Exception;
}
