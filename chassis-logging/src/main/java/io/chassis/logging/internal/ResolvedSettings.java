package io.chassis.logging.internal;

import ch.qos.logback.classic.LoggerContext;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigProblemsException;
import io.chassis.logging.LoggingSettings;
import java.util.function.Supplier;

/**
 * Logging settings and service identity read from the Chassis config, or the fallback (JSON at
 * INFO) together with the reason the config could not be used.
 *
 * @param settings what to wire
 * @param identity who is logging
 * @param failure why the fallback is used, or {@code null} when the config loaded fine
 */
public record ResolvedSettings(LoggingSettings settings, ServiceIdentity identity, Throwable failure) {

    /** Loads the config with {@code loader}; never throws. */
    public static ResolvedSettings load(Supplier<ChassisConfig> loader) {
        try {
            ChassisConfig config = loader.get();
            return new ResolvedSettings(
                    LoggingSettings.from(config.config()),
                    ServiceIdentity.from(config.config(), config.profiles()),
                    null);
        } catch (RuntimeException | LinkageError e) {
            return new ResolvedSettings(Fallback.SETTINGS, ServiceIdentity.UNKNOWN, e);
        }
    }

    /** The same settings with name and version replaced where given (see {@link ServiceIdentity}). */
    public ResolvedSettings withNameAndVersion(String serviceName, String serviceVersion) {
        return new ResolvedSettings(settings, identity.withNameAndVersion(serviceName, serviceVersion), failure);
    }

    /**
     * Makes logging write the one warning that explains the fallback just before its first line, so
     * that a process that logs nothing (a failed {@code check}, which reports the problems on stderr)
     * prints them once; does nothing if the config loaded.
     */
    public void explainFallbackBeforeFirstLine(LoggerContext context) {
        if (failure == null) {
            return;
        }
        FallbackNotice.attach(context, () -> {
            String message = "Chassis configuration could not be loaded, so logging falls back to JSON at INFO: {}";
            if (failure instanceof ConfigProblemsException) {
                context.getLogger(ResolvedSettings.class).warn(message, failure.getMessage());
            } else {
                context.getLogger(ResolvedSettings.class).warn(message, failure.toString(), failure);
            }
        });
    }
}
