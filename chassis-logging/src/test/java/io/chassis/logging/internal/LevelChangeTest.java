package io.chassis.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.http.HttpProblem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LevelChangeTest {

    final ObjectMapper json = new ObjectMapper();

    LevelChange parse(String body) throws Exception {
        return LevelChange.parse(json.readTree(body));
    }

    @Test
    void aLevelAloneIsALastingChange() throws Exception {
        assertThat(parse("{\"level\":\"Debug\"}")).isEqualTo(new LevelChange("Debug", null));
        assertThat(parse("{\"level\":\"info\",\"duration\":null}")).isEqualTo(new LevelChange("info", null));
    }

    @Test
    void nullLevelMeansInherit() throws Exception {
        assertThat(parse("{\"level\":null}")).isEqualTo(new LevelChange(null, null));
    }

    @Test
    void durationsReadLikeConfigOrIso8601() throws Exception {
        assertThat(parse("{\"level\":\"debug\",\"duration\":\"5m\"}").duration())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(parse("{\"level\":\"debug\",\"duration\":\"90 seconds\"}").duration())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(parse("{\"level\":\"debug\",\"duration\":\"PT1H\"}").duration())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aZeroOrNumericDurationIsABadRequest() {
        assertThatThrownBy(() -> parse("{\"level\":\"debug\",\"duration\":\"0s\"}"))
                .isInstanceOfSatisfying(
                        HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400))
                .hasMessageContaining("duration must be a positive duration such as 30s, 5m or PT1H, but was '\"0s\"'");
        assertThatThrownBy(() -> parse("{\"level\":\"debug\",\"duration\":300}"))
                .isInstanceOf(HttpProblem.class)
                .hasMessageContaining("but was '300'");
    }

    @Test
    void aMissingBodyIsABadRequest() {
        assertThatThrownBy(() -> LevelChange.parse(null))
                .isInstanceOf(HttpProblem.class)
                .hasMessageContaining("must be a JSON object, but was empty");
    }
}
