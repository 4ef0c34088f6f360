package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogLevelsTest {

    private TestLogging logging;
    private ScheduledThreadPoolExecutor scheduler;
    private LogLevels levels;

    @BeforeEach
    void setUp() {
        logging = TestLogging.withConfig(Map.of("chassis.logging.levels", Map.of("io.chassis", "debug")));
        scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        levels = new LogLevels(logging.context(), scheduler);
    }

    @AfterEach
    void tearDown() {
        levels.close();
        logging.close();
    }

    @Test
    void aChangeOfTheConfiguredLevelsTouchesOnlyTheLoggersWhoseConfiguredLevelChanged() {
        levels.set("org.example.Untouched", "error"); // set at run time, e.g. through /loggers
        levels.setFor("org.example.Changed", "trace", Duration.ofHours(1));

        Map<String, String> changed = levels.applyConfigured(
                Map.of("ROOT", "INFO", "io.chassis", "DEBUG", "org.example.Changed", "WARN"),
                Map.of("ROOT", "WARN", "org.example.Changed", "ERROR", "org.example.New", "DEBUG"));

        assertThat(changed)
                .containsExactly(
                        Map.entry("ROOT", "WARN"),
                        Map.entry("io.chassis", "WARN (inherited)"),
                        Map.entry("org.example.Changed", "ERROR"),
                        Map.entry("org.example.New", "DEBUG"));
        assertThat(levels.levelOf("io.chassis")).isEqualTo(new LoggerLevel("io.chassis", null, "WARN", false));
        assertThat(levels.levelOf("org.example.Changed"))
                .as("a configured change wins over a temporary level")
                .isEqualTo(new LoggerLevel("org.example.Changed", "ERROR", "ERROR", false));
        assertThat(levels.levelOf("org.example.Untouched").configuredLevel()).isEqualTo("ERROR");
    }

    @Test
    void listsConfiguredLoggersRootFirstWithEffectiveLevels() {
        logging.context().getLogger("io.chassis.http.Server");

        assertThat(levels.configured())
                .containsExactly(
                        new LoggerLevel("ROOT", "INFO", "INFO", false),
                        new LoggerLevel("io.chassis", "DEBUG", "DEBUG", false));
    }

    @Test
    void getsAnInheritingLoggerWithItsEffectiveLevel() {
        logging.context().getLogger("io.chassis.http.Server");

        assertThat(levels.get("io.chassis.http.Server"))
                .contains(new LoggerLevel("io.chassis.http.Server", null, "DEBUG", false));
        assertThat(levels.get("root")).contains(new LoggerLevel("ROOT", "INFO", "INFO", false));
        assertThat(levels.get("never.created")).isEmpty();
    }

    @Test
    void levelOfAnUncreatedLoggerIsInheritedFromItsNearestAncestorWithoutCreatingIt() {
        logging.context().getLogger("io.chassis.http").setLevel(ch.qos.logback.classic.Level.WARN);

        LoggerLevel nested = levels.levelOf("io.chassis.http.Server$Inner");
        LoggerLevel elsewhere = levels.levelOf("org.example.Thing");

        assertThat(nested).isEqualTo(new LoggerLevel("io.chassis.http.Server$Inner", null, "WARN", false));
        assertThat(elsewhere).isEqualTo(new LoggerLevel("org.example.Thing", null, "INFO", false));
        assertThat(logging.context().exists("io.chassis.http.Server")).isNull();
        assertThat(logging.context().exists("org.example")).isNull();
    }

    @Test
    void namesWithWhitespaceOrControlCharactersAreRefused() {
        assertThatThrownBy(() -> levels.levelOf("io.chassis\nforged"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain whitespace or control characters, but was 'io.chassis?forged'");
        assertThatThrownBy(() -> levels.set("io chassis", "debug"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain whitespace");
    }

    @Test
    void setChangesTheLevelOfTheLoggerAndItsChildren() {

        LoggerLevel changed = levels.set("io.chassis", "warn");

        assertThat(changed).isEqualTo(new LoggerLevel("io.chassis", "WARN", "WARN", false));
        assertThat(logging.context()
                        .getLogger("io.chassis.http")
                        .getEffectiveLevel()
                        .toString())
                .isEqualTo("WARN");
        assertThat(levels.set("io.chassis", null)).isEqualTo(new LoggerLevel("io.chassis", null, "INFO", false));
    }

    @Test
    void rejectsAnUnknownLevelNameNamingTheAcceptedOnes() {

        assertThatThrownBy(() -> levels.set("io.chassis", "LOUD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("level must be one of [trace, debug, info, warn, error, off], but was 'LOUD'."
                        + " Use one of those names (any case).");
        assertThat(logging.context().getLogger("io.chassis").getLevel().toString())
                .isEqualTo("DEBUG");
    }

    @Test
    void rejectsABlankLoggerNameAndClearingTheRootLevel() {

        assertThatThrownBy(() -> levels.set(" ", "info"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logger name must not be blank");
        assertThatThrownBy(() -> levels.set("ROOT", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level of ROOT must be set");
        assertThatThrownBy(() -> levels.setFor("x", "info", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration must be positive, but was 'PT0S'");
    }

    @Test
    void temporaryLevelRevertsToThePreviousLevelAfterTheDuration() {

        LoggerLevel temporary = levels.setFor("io.chassis", "trace", Duration.ofSeconds(2));

        assertThat(temporary).isEqualTo(new LoggerLevel("io.chassis", "TRACE", "TRACE", true));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(levels.get("io.chassis"))
                .contains(new LoggerLevel("io.chassis", "DEBUG", "DEBUG", false)));
    }

    @Test
    void secondTemporaryChangeStillRevertsToTheOriginalLevel() {
        levels.setFor("io.chassis", "info", Duration.ofHours(1));

        levels.setFor("io.chassis", "trace", Duration.ofSeconds(2));

        assertThat(scheduler.getQueue()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(levels.get("io.chassis"))
                .contains(new LoggerLevel("io.chassis", "DEBUG", "DEBUG", false)));
    }

    @Test
    void permanentChangeCancelsAPendingRevert() {
        levels.setFor("io.chassis", "trace", Duration.ofHours(1));

        LoggerLevel permanent = levels.set("io.chassis", "warn");

        assertThat(permanent.temporary()).isFalse();
        assertThat(scheduler.getQueue()).isEmpty();
    }
}
