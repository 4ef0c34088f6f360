package io.chassis.logging.internal;

import io.chassis.logging.LogFormat;
import io.chassis.logging.LoggingSettings;
import java.time.Duration;
import java.util.Map;

/**
 * What logging uses when the configuration itself cannot be loaded: JSON at INFO. These are the
 * only logging values written in Java, because in this case there is no config to read them from;
 * a test keeps them equal to {@code reference.conf}.
 */
final class Fallback {

    static final LoggingSettings SETTINGS = new LoggingSettings(
            LogFormat.JSON, "info", Map.of(), new LoggingSettings.Async(8192, Duration.ofSeconds(2)), false, true);

    private Fallback() {}
}
