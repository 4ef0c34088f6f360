package io.chassis.core.internal.bootstrap;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import java.time.Duration;

/**
 * The validated {@code chassis.shutdown} section.
 *
 * @param drainDelay time to keep serving after readiness turned DOWN
 * @param gracePeriod time in-flight requests get to finish
 * @param closeIdleAfter once the listener stopped, how long a keep-alive connection must have been
 *     between requests before it is closed
 * @param hook whether a JVM shutdown hook stops the service
 */
public record ShutdownSettings(Duration drainDelay, Duration gracePeriod, Duration closeIdleAfter, boolean hook) {

    /**
     * Binds and validates {@code chassis.shutdown}.
     *
     * @param config the resolved configuration
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every invalid value
     */
    public static ShutdownSettings from(Config config) {
        ShutdownSettings s = ConfigBinder.bind(config, "chassis.shutdown", ShutdownSettings.class);
        new ConfigRules(config)
                .require(
                        !s.drainDelay.isNegative(),
                        "chassis.shutdown.drain-delay",
                        "not be negative",
                        s.drainDelay,
                        "Use 0s to skip draining.")
                .require(
                        !s.gracePeriod.isNegative(),
                        "chassis.shutdown.grace-period",
                        "not be negative",
                        s.gracePeriod,
                        "Use e.g. 30s.")
                .require(
                        !s.closeIdleAfter.isNegative(),
                        "chassis.shutdown.close-idle-after",
                        "not be negative",
                        s.closeIdleAfter,
                        "Use e.g. 100ms, or 0s to close idle connections at once.")
                .throwIfAny();
        return s;
    }
}
