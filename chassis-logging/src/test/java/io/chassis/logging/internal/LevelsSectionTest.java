package io.chassis.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.chassis.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelsSectionTest {

    @Test
    void acceptsQuotedAndNestedLoggerNamesAlike() {
        Config config = ConfigFactory.parseString(
                "levels { \"io.chassis\" = debug, \"org.xnio\" = warn, org.xnio.nio = error, ROOT = info, gone = null }");
        List<ConfigProblem> problems = new ArrayList<>();

        var levels = LevelsSection.read(config, "levels", problems);

        assertThat(problems).isEmpty();
        assertThat(levels)
                .containsOnly(
                        java.util.Map.entry("io.chassis", "debug"),
                        java.util.Map.entry("org.xnio", "warn"),
                        java.util.Map.entry("org.xnio.nio", "error"),
                        java.util.Map.entry("ROOT", "info"));
    }

    @Test
    void reportsEveryValueThatIsNotALevelWithItsOrigin() {
        Config config = ConfigFactory.parseString("levels {\n \"io.chassis\" = loud\n org.xnio = [warn]\n}");
        List<ConfigProblem> problems = new ArrayList<>();

        LevelsSection.read(config, "levels", problems);

        assertThat(problems)
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "String: 2: levels.\"io.chassis\" must be one of [trace, debug, info, warn, error, off],"
                                + " but was 'loud'. Use one of those level names.",
                        "String: 3: levels.org.xnio must be one of [trace, debug, info, warn, error, off],"
                                + " but was '[warn]'. Use one of those level names.");
    }
}
