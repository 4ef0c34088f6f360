package io.chassis.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.security.Principal;
import io.chassis.testing.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final TestClock clock = new TestClock();
    private final Principal alice = new Principal("alice", "bearer", "https://id/", Set.of(), Set.of(), Map.of());

    @Test
    void anEntryIsUsedUntilTheTokenExpiresOrMaxAgePassesWhicheverIsFirst() {
        VerifiedTokens tokens = new VerifiedTokens(10, 60_000, clock);
        tokens.put("soon", alice, clock.millis() + 10_000);
        tokens.put("later", alice, clock.millis() + 600_000);

        clock.advance(Duration.ofSeconds(10));

        assertThat(tokens.get("soon")).isNull();
        assertThat(tokens.get("later")).isSameAs(alice);
        clock.advance(Duration.ofSeconds(50));
        assertThat(tokens.get("later")).isNull();
    }

    @Test
    void itNeverHoldsMoreThanMaxEntries() {
        VerifiedTokens tokens = new VerifiedTokens(100, 60_000, clock);

        for (int i = 0; i < 1000; i++) {
            tokens.put("t" + i, alice, clock.millis() + 60_000);
            assertThat(tokens.size()).isLessThanOrEqualTo(100);
        }

        assertThat(tokens.get("t999")).isSameAs(alice);
    }

    @Test
    void zeroEntriesTurnsItOff() {
        VerifiedTokens tokens = new VerifiedTokens(0, 60_000, clock);

        tokens.put("t", alice, clock.millis() + 60_000);

        assertThat(tokens.get("t")).isNull();
    }
}
