package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigProblemsException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LoggingSettingsTest {

    @Test
    void defaultsComeFromReferenceConf() {

        LoggingSettings settings =
                LoggingSettings.from(TestLogging.config(Map.of()).config());

        assertThat(settings.format()).isEqualTo(LogFormat.JSON);
        assertThat(settings.effectiveLevels()).containsExactly(Map.entry("ROOT", "INFO"));
        assertThat(settings.async().queueSize()).isEqualTo(8192);
        assertThat(settings.async().maxFlushTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.includeCallerData()).isFalse();
        assertThat(settings.shutdownHook()).isTrue();
    }

    @Test
    void formatNameIsCaseInsensitive() {

        LoggingSettings settings = LoggingSettings.from(
                TestLogging.config(Map.of("chassis.logging.format", "TEXT")).config());

        assertThat(settings.format()).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void appliesLevelsPerLoggerFromConfig() {
        Map<String, Object> overrides =
                Map.of("chassis.logging.levels", Map.of("io.chassis", "debug", "org.noisy", "ERROR", "ROOT", "warn"));
        try (TestLogging logging = TestLogging.withConfig(overrides)) {

            logging.logger("io.chassis.http.Server").debug("shown");
            logging.logger("org.noisy.Thing").warn("hidden");
            logging.logger("com.example.App").info("hidden too");
            logging.logger("com.example.App").warn("shown too");

            assertThat(logging.context().getLogger("io.chassis").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(logging.context().getLogger("ROOT").getLevel()).isEqualTo(Level.WARN);
            assertThat(logging.jsonLines())
                    .extracting(line -> line.path("message").asText())
                    .containsExactly("shown", "shown too");
        }
    }

    @Test
    void takesLoggerLevelsFromEnvironmentVariables() {
        ChassisConfig config = ChassisConfig.loader()
                .environment(Map.of("CHASSIS_LOGGING_LEVELS_IO_CHASSIS", "debug"))
                .systemProperties(new Properties())
                .load();

        LoggingSettings settings = LoggingSettings.from(config.config());

        assertThat(settings.effectiveLevels()).containsEntry("io.chassis", "DEBUG");
    }

    @Test
    void reportsEveryInvalidValueTogether() {
        Map<String, Object> overrides = Map.of(
                "chassis.logging.root-level",
                "loud",
                "chassis.logging.levels",
                Map.of("io.chassis", "verbose"),
                "chassis.logging.async.queue-size",
                0);

        assertThatThrownBy(
                        () -> LoggingSettings.from(TestLogging.config(overrides).config()))
                .isInstanceOf(ConfigProblemsException.class)
                .satisfies(e ->
                        assertThat(((ConfigProblemsException) e).problems()).hasSize(3))
                .hasMessageContaining(
                        "chassis.logging.root-level must be one of [trace, debug, info, warn, error, off],"
                                + " but was 'loud'")
                .hasMessageContaining("chassis.logging.levels.io.chassis must be one of")
                .hasMessageContaining("but was 'verbose'")
                .hasMessageContaining("chassis.logging.async.queue-size must be at least 1, but was '0'");
    }
}
