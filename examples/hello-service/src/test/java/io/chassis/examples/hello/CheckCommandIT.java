package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar hello-service.jar check} in a child JVM: what it prints for broken configuration. */
class CheckCommandIT {

    @TempDir
    Path workDir;

    @Test
    void aMistypedPortFromTheEnvironmentIsTheOnlyProblemReported() throws Exception {
        ChildService.Exit check = ChildService.command(workDir, Map.of("CHASSIS_HTTP_PORT", "eighty"), "check");

        assertThat(check.code()).isEqualTo(1);
        assertThat(check.stderr())
                .startsWith("Configuration has 1 error:")
                .contains("environment variable CHASSIS_HTTP_PORT: chassis.http.port must be a whole number,"
                        + " but was 'eighty'")
                .doesNotContain("chassis.service.name");
    }

    @Test
    void aMistypedPortInAFileIsTheOnlyProblemReported() throws Exception {
        Path file = Files.writeString(workDir.resolve("port.yaml"), "chassis:\n  http:\n    port: abc\n");

        ChildService.Exit check = ChildService.command(workDir, Map.of("CHASSIS_CONFIG", file.toString()), "check");

        assertThat(check.code()).isEqualTo(1);
        assertThat(check.stderr())
                .startsWith("Configuration has 1 error:")
                .contains(file + ": 3: chassis.http.port must be a whole number, but was 'abc'")
                .doesNotContain("chassis.service.name");
    }

    @Test
    void theProblemsOfEveryFileThatCouldBeParsedAreReportedWithTheSyntaxErrorOfAnother() throws Exception {
        Path badType = Files.writeString(
                workDir.resolve("bad-type.yaml"),
                "chassis:\n  http:\n    port: abc\nhello:\n  max-name-length: many\n");
        Path badSyntax = Files.writeString(workDir.resolve("bad-syntax.yaml"), "hello:\n  greeting: [Hi\n  x: : :\n");

        ChildService.Exit check =
                ChildService.command(workDir, Map.of("CHASSIS_CONFIG", badType + "," + badSyntax), "check");

        assertThat(check.code()).isEqualTo(1);
        assertThat(check.stderr())
                .startsWith("Configuration has 3 errors:")
                .contains(badSyntax + ": 3: is not valid YAML")
                .contains(badType + ": 3: chassis.http.port must be a whole number, but was 'abc'")
                .contains(badType + ": 5: hello.max-name-length must be a whole number, but was 'many'")
                .doesNotContain("chassis.service.name");
    }

    @Test
    void configurationThatCannotBeLoadedIsReportedOnceOnStderrAndNothingOnStdout() throws Exception {
        Path badSyntax = Files.writeString(workDir.resolve("bad-syntax.yaml"), "hello:\n  greeting: [Hi\n  x: : :\n");

        ChildService.Exit check =
                ChildService.command(workDir, Map.of("CHASSIS_CONFIG", badSyntax.toString()), "check");

        assertThat(check.code()).isEqualTo(1);
        assertThat(check.stdout()).isEmpty();
        assertThat(check.stderr()).startsWith("Configuration has 1 error:");
        assertThat(check.stderr().split("is not valid YAML", -1)).hasSize(2);
    }

    @Test
    void aPasswordVariableThatNoKeyTakesIsAWarningOfCheckWithoutItsValue() throws Exception {
        ChildService.Exit check = ChildService.command(workDir, Map.of("DB_PASSWORD", "hunter2"), "check");

        assertThat(check.code()).isZero();
        assertThat(check.stdout()).startsWith("OK: hello-service");
        assertThat(check.stderr())
                .startsWith("Configuration has 1 warning:")
                .contains("environment variable DB_PASSWORD: db.password is not read by the service")
                .doesNotContain("hunter2");
    }

    @Test
    void aPasswordVariableThatNoKeyTakesIsLoggedAsAWarningAtRun() throws Exception {
        ChildService child = ChildService.start(workDir, Map.of("DB_PASSWORD", "hunter2"));
        try {
            String warning = child.awaitLine(line -> line.contains("Configuration warning:"));

            assertThat(warning)
                    .contains("\"level\":\"WARN\"")
                    .contains("environment variable DB_PASSWORD: db.password is not read by the service")
                    .doesNotContain("hunter2");
        } finally {
            child.kill();
        }
    }
}
