package io.chassis.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharsTest {

    @Test
    void returnsTheSameInstanceWhenNothingNeedsEscaping() {
        String safe = "plain text, ünïcödé and \"quotes\"";

        assertThat(ControlChars.escape(safe)).isSameAs(safe);
    }

    @Test
    void escapesLineBreaksTabsAndOtherControlCharacters() {

        String escaped = ControlChars.escape("a\r\nb\tc\u0000d\u001be\u007ff\u0085g\u2028h\u2029i");

        assertThat(escaped).isEqualTo("a\\r\\nb\\tc\\u0000d\\u001be\\u007ff\\u0085g\\u2028h\\u2029i");
    }

    @Test
    void keepsNullAsNull() {
        assertThat(ControlChars.escape(null)).isNull();
    }
}
