package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnknownChassisKeyTest extends FixtureTest {

    @Test
    void misspelledChassisKeyFailsWithDidYouMeanAndItsOrigin() {
        fixture.write("application.yaml", "chassis:\n  http:\n    prot: 9090\n");

        assertThatThrownBy(fixture::load)
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("application.yaml: 3: chassis.http.prot is not a known setting."
                        + " Did you mean 'chassis.http.port'?");
    }

    @Test
    void unknownModuleSectionAsksWhetherTheModuleIsOnTheClasspath() {
        fixture.env("CHASSIS_TRACING_SAMPLER", "always");

        assertThatThrownBy(fixture::load)
                .hasMessageContaining("environment variable CHASSIS_TRACING_SAMPLER: chassis.tracing is not a known"
                        + " setting. Is the module chassis-tracing on the classpath?");
    }

    @Test
    void everyUnknownKeyIsReportedAtOnce() {
        fixture.write("application.conf", "chassis.http { prot = 1, hots = x }\nchassis.confg = 1\n");

        assertThatThrownBy(fixture::load)
                .satisfies(e ->
                        assertThat(((ConfigProblemsException) e).problems()).hasSize(3))
                .hasMessageContaining("Did you mean 'chassis.http.port'?")
                .hasMessageContaining("Did you mean 'chassis.http.host'?")
                .hasMessageContaining("Did you mean 'chassis.config'?");
    }

    @Test
    void namedEntriesUnderAnEmptyReferenceSectionAreAllowed() {
        fixture.write("application.yaml", "chassis:\n  clients:\n    payments:\n      base-url: http://payments\n");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getString("chassis.clients.payments.base-url"))
                .isEqualTo("http://payments");
    }

    @Test
    void keysOutsideChassisAreTheServicesOwn() {
        fixture.write("application.yaml", "anything:\n  goes: here\n");

        assertThat(fixture.load().config().getString("anything.goes")).isEqualTo("here");
    }
}
