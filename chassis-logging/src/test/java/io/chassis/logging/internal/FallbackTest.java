package io.chassis.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.logging.LogFormat;
import io.chassis.logging.LoggingSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FallbackTest {

    @Test
    void fallbackIsJsonAtInfoWithTheReferenceConfDefaults() {
        ChassisConfig reference = ChassisConfig.loader()
                .environment(Map.of())
                .systemProperties(new Properties())
                .load();

        LoggingSettings defaults = LoggingSettings.from(reference.config());

        assertThat(Fallback.SETTINGS.format()).isEqualTo(LogFormat.JSON);
        assertThat(Fallback.SETTINGS.effectiveLevels()).containsExactly(Map.entry("ROOT", "INFO"));
        assertThat(Fallback.SETTINGS).isEqualTo(defaults);
    }

    @Test
    void configThatFailsToLoadFallsBackAndWritesOneWarningBeforeTheFirstLine() throws Exception {
        ConfigProblemsException broken = new ConfigProblemsException(List.of(new ConfigProblem(
                "application.conf: 3", "chassis.logging.format", "must be one of [json, text], but was 'xml'.")));

        ResolvedSettings resolved = ResolvedSettings.load(() -> {
            throw broken;
        });

        assertThat(resolved.settings()).isEqualTo(Fallback.SETTINGS);
        assertThat(resolved.identity()).isEqualTo(ServiceIdentity.UNKNOWN);
        assertThat(resolved.failure()).isSameAs(broken);
        try (CapturedContext captured = CapturedContext.wire(resolved)) {
            resolved.explainFallbackBeforeFirstLine(captured.context());
            assertThat(captured.lines())
                    .as("nothing logged yet, nothing to explain")
                    .isEmpty();

            captured.context().getLogger("app").info("first");
            captured.context().getLogger("app").info("second");

            List<String> lines = captured.lines();
            assertThat(lines).hasSize(3);
            assertThat(lines.subList(1, 3))
                    .extracting(line ->
                            new ObjectMapper().readTree(line).path("message").asText())
                    .containsExactly("first", "second");
            JsonNode warning = new ObjectMapper().readTree(lines.get(0));
            assertThat(warning.path("level").asText()).isEqualTo("WARN");
            assertThat(warning.path("message").asText())
                    .startsWith("Chassis configuration could not be loaded, so logging falls back to JSON at INFO")
                    .contains("application.conf: 3: chassis.logging.format must be one of [json, text]");
        }
    }

    @Test
    void configThatLoadsFineLogsNoWarning() {
        ChassisConfig config = ChassisConfig.loader()
                .environment(Map.of())
                .systemProperties(new Properties())
                .load();

        ResolvedSettings resolved = ResolvedSettings.load(() -> config);

        assertThat(resolved.failure()).isNull();
        try (CapturedContext captured = CapturedContext.wire(resolved)) {
            resolved.explainFallbackBeforeFirstLine(captured.context());
            captured.context().getLogger("app").info("only");

            assertThat(captured.lines()).singleElement().asString().contains("\"message\":\"only\"");
        }
    }
}
