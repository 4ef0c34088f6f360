package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BadInputTest extends FixtureTest {

    @Test
    void malformedHoconNamesFileAndLine() {
        fixture.write("application.conf", "a = 1\nb = {\nc = 2\n");

        assertThatThrownBy(fixture::load)
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageStartingWith("Configuration has 1 error:")
                .hasMessageMatching("(?s).*application\\.conf @ file:.*application\\.conf: \\d+: has an error: .*")
                .hasMessageContaining("Fix the syntax of application.conf")
                .hasNoCause();
    }

    @Test
    void missingExternalFileNamesTheVariableThatNamedIt() {
        fixture.env("CHASSIS_CONFIG", temp.resolve("nope.yaml").toString());

        assertThatThrownBy(fixture::load)
                .hasMessageContaining("environment variable CHASSIS_CONFIG: names the configuration file '"
                        + temp.resolve("nope.yaml") + "', which does not exist.");
    }

    @Test
    void missingFileFromConfigFilePropertyNamesTheProperty() {
        fixture.property("config.file", temp.resolve("gone.conf").toString());

        assertThatThrownBy(fixture::load)
                .hasMessageContaining("system property config.file: names the configuration file");
    }

    @Test
    void problemsFromSeveralLayersAreReportedTogether() {
        fixture.write("application.yaml", "a: ${UNSET_VAR}\n");
        fixture.env("CHASSIS_CONFIG", temp.resolve("nope.yaml").toString());
        fixture.env("CHASSIS_HTTP_PROT", "1");

        assertThatThrownBy(fixture::load)
                .hasMessageContaining("Configuration has 3 errors:")
                .hasMessageContaining("${UNSET_VAR}")
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("chassis.http.prot is not a known setting");
    }

    @Test
    void unresolvableHoconSubstitutionIsAClearProblem() {
        fixture.write("application.conf", "a = ${missing.key}\n");

        assertThatThrownBy(fixture::load)
                .hasMessageContaining("application.conf: 1: has an error:")
                .hasMessageContaining("missing.key")
                .hasMessageContaining("use ${?name} to make it optional");
    }
}
