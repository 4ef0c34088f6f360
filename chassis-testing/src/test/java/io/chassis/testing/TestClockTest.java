package io.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestClockTest {

    @Test
    void standsStillUntilAdvanced() {
        TestClock clock = new TestClock();

        Instant first = clock.instant();
        Instant again = clock.instant();
        clock.advance(Duration.ofSeconds(90));

        assertThat(first).isEqualTo(Instant.parse("2025-01-01T00:00:00Z")).isEqualTo(again);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:01:30Z"));
        assertThat(clock.millis())
                .isEqualTo(Instant.parse("2025-01-01T00:01:30Z").toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneId.of("Europe/Paris"))).isSameAs(clock);
    }

    @Test
    void startsWhereToldAndNeverMovesBack() {
        TestClock clock = new TestClock(Instant.parse("2030-06-01T12:00:00Z"));
        clock.advance(Duration.ZERO);

        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a test clock moves forward only, but was asked to move PT-0.001S");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-06-01T12:00:00Z"));
    }
}
