package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandsTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void checkWithValidConfigurationExits0() {
        int code = run(service(), "check");

        assertThat(code).isEqualTo(0);
        assertThat(out()).contains("OK: test-service 1.2.3");
    }

    @Test
    void checkWithBrokenConfigurationExits1AndListsEveryProblem() {
        ChassisBuilder broken = service()
                .configOverride("chassis.http.port", 70000)
                .configOverride("chassis.shutdown.grace-period", "-1s");

        int code = run(broken, "check");

        assertThat(code).isEqualTo(1);
        assertThat(err())
                .contains("chassis.http.port must be between 0 and 65535, but was '70000'")
                .contains("chassis.shutdown.grace-period must not be negative");
    }

    @Test
    void checkReportsAMissingServiceName() {
        int code = run(Chassis.builder().discoverModules(false), "check");

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("chassis.service.name must be set");
    }

    @Test
    void aBrokenCoreSectionDoesNotMakeTheConfiguredServiceNameLookUnset() {
        ChassisBuilder broken = Chassis.builder()
                .discoverModules(false)
                .configOverride("chassis.service.name", "named-in-config")
                .configOverride("chassis.http.port", "eighty");

        int code = run(broken, "check");

        assertThat(code).isEqualTo(1);
        assertThat(err())
                .startsWith("Configuration has 1 error:")
                .contains("chassis.http.port must be a whole number, but was 'eighty'")
                .doesNotContain("chassis.service.name");
    }

    @Test
    void configPrintsTheMaskedConfigurationWithOrigins() {
        int code = run(service().configOverride("db.password", "hunter2"), "config");

        assertThat(code).isEqualTo(0);
        assertThat(out()).contains("db.password").doesNotContain("hunter2").contains("chassis.http.max-body-size");
    }

    @Test
    void unknownCommandExits2WithUsage() {
        int code = run(service(), "frobnicate");

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("Unknown command 'frobnicate'").contains("Usage:");
    }

    /** The commands tested here never start the service, so no ports or shutdown settings are needed. */
    private static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    private int run(ChassisBuilder builder, String... args) {
        return builder.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
