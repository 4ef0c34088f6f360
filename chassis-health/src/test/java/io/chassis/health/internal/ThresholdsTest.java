package io.chassis.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    static final HealthResult UP = HealthResult.up();
    static final HealthResult DOWN = HealthResult.down("refused");

    @Test
    void theFirstResultIsReportedAsItIs() {
        Thresholds thresholds = new Thresholds(3, 2);

        assertThat(thresholds.apply(DOWN).status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void upTurnsDownOnlyAfterThreeConsecutiveFailures() {
        Thresholds thresholds = new Thresholds(3, 1);
        thresholds.apply(UP);

        HealthResult first = thresholds.apply(DOWN);
        HealthResult second = thresholds.apply(DOWN);
        HealthResult third = thresholds.apply(DOWN);

        assertThat(first.status()).isEqualTo(HealthStatus.UP);
        assertThat(first.message()).isEqualTo("refused (1 of 3 failures needed to change from UP)");
        assertThat(first.details()).containsEntry("consecutiveFailures", 1);
        assertThat(second.status()).isEqualTo(HealthStatus.UP);
        assertThat(third).isEqualTo(DOWN);
    }

    @Test
    void aSuccessInBetweenStartsTheFailureCountAgain() {
        Thresholds thresholds = new Thresholds(2, 1);
        thresholds.apply(UP);

        thresholds.apply(DOWN);
        thresholds.apply(UP);
        HealthResult afterReset = thresholds.apply(DOWN);

        assertThat(afterReset.status()).isEqualTo(HealthStatus.UP);
        assertThat(thresholds.apply(DOWN).status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void downTurnsUpOnlyAfterTwoConsecutiveSuccesses() {
        Thresholds thresholds = new Thresholds(1, 2);
        thresholds.apply(DOWN);

        HealthResult first = thresholds.apply(UP);
        HealthResult second = thresholds.apply(UP);

        assertThat(first.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(first.details()).containsEntry("consecutiveSuccesses", 1);
        assertThat(second.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void degradedCountsAsWorkingAndIsReportedAtOnceFromUp() {
        Thresholds thresholds = new Thresholds(3, 3);
        thresholds.apply(UP);

        HealthResult degraded = thresholds.apply(HealthResult.degraded("fallback in use"));

        assertThat(degraded.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(degraded.message()).isEqualTo("fallback in use");
    }
}
