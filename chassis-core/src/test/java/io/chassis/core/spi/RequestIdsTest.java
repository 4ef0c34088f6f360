package io.chassis.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void acceptsIdsOfSafeCharactersUpTo128Long() {
        assertThat(RequestIds.isValid("abc-DEF_123.x:y")).isTrue();
        assertThat(RequestIds.isValid("a".repeat(128))).isTrue();
    }

    @Test
    void rejectsEmptyOverlongAndUnsafeIds() {
        assertThat(RequestIds.isValid(null)).isFalse();
        assertThat(RequestIds.isValid("")).isFalse();
        assertThat(RequestIds.isValid("a".repeat(129))).isFalse();
        assertThat(RequestIds.isValid("a b")).isFalse();
        assertThat(RequestIds.isValid("a\"b")).isFalse();
        assertThat(RequestIds.isValid("a\nb")).isFalse();
        assertThat(RequestIds.isValid("ä")).isFalse();
    }

    @Test
    void generatesDistinct32CharacterHexIds() {
        String first = RequestIds.generate();
        String second = RequestIds.generate();

        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(second).matches("[0-9a-f]{32}").isNotEqualTo(first);
    }

    @Test
    void replacesOnlyInvalidIncomingIds() {
        assertThat(RequestIds.acceptOrGenerate("given-1")).isEqualTo("given-1");
        assertThat(RequestIds.acceptOrGenerate("bad id")).matches("[0-9a-f]{32}");
    }
}
