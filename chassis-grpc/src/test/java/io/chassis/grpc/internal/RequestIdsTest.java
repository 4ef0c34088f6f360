package io.chassis.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same rules as HTTP's X-Request-Id. */
class RequestIdsTest {

    @Test
    void keepsASafeIdOfUpTo128Characters() {
        String longest = "a".repeat(128);

        assertThat(RequestIds.acceptOrGenerate("Req-1_a.b:c")).isEqualTo("Req-1_a.b:c");
        assertThat(RequestIds.acceptOrGenerate(longest)).isEqualTo(longest);
    }

    @Test
    void replacesAMissingEmptyTooLongOrUnsafeId() {
        assertThat(RequestIds.acceptOrGenerate(null)).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("a".repeat(129))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("with space")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("quote\"")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("line\nbreak")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("ümlaut")).matches("[0-9a-f]{32}");
    }

    @Test
    void generatesDifferentIds() {
        assertThat(RequestIds.generate()).isNotEqualTo(RequestIds.generate());
    }
}
