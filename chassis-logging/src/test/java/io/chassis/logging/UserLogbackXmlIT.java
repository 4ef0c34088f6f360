package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real JVMs, so that logback's own start-up (with or without a logback.xml) is what runs. */
class UserLogbackXmlIT {

    private static final String USER_XML = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>USER-XML %level %logger %msg%n</pattern></encoder>
              </appender>
              <appender name="ASYNC" class="io.chassis.logging.DropCountingAsyncAppender">
                <appender-ref ref="OUT"/>
              </appender>
              <root level="INFO"><appender-ref ref="ASYNC"/></root>
            </configuration>
            """;

    @TempDir
    Path userDir;

    @Test
    void aUserLogbackXmlOnTheClassPathWinsOverChassisLogging() throws Exception {
        Files.writeString(userDir.resolve("logback.xml"), USER_XML);

        List<String> stdout = runChild(userDir + File.pathSeparator + System.getProperty("java.class.path"));

        assertThat(stdout).contains("USER-XML INFO io.chassis.child hello from child");
        assertThat(stdout).noneMatch(line -> line.startsWith("{"));
    }

    @Test
    void withoutAUserLogbackXmlTheChildWritesChassisJson() throws Exception {

        List<String> stdout = runChild(System.getProperty("java.class.path"));

        assertThat(stdout).isNotEmpty().allMatch(each -> each.startsWith("{") && each.endsWith("}"));
        String childLine = stdout.stream()
                .filter(each -> each.contains("hello from child"))
                .findFirst()
                .orElseThrow();
        JsonNode line = new ObjectMapper().readTree(childLine);
        assertThat(line.path("message").asText()).isEqualTo("hello from child");
        assertThat(line.path("logger").asText()).isEqualTo("io.chassis.child");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
    }

    @Test
    void aBrokenConfigFallsBackToJsonWithOneWarningAndTheAppRuns() throws Exception {

        List<String> stdout = runChild(
                System.getProperty("java.class.path"), "-Dchassis.logging.format=xml", "-Dchassis.logging.levels.x=0");

        assertThat(stdout).hasSize(2);
        JsonNode warning = new ObjectMapper().readTree(stdout.get(0));
        assertThat(warning.path("level").asText()).isEqualTo("WARN");
        assertThat(warning.path("message").asText())
                .contains("falls back to JSON at INFO")
                .contains("chassis.logging.format must be one of [json, text], but was 'xml'")
                .contains("chassis.logging.levels.x must be one of");
        assertThat(new ObjectMapper().readTree(stdout.get(1)).path("message").asText())
                .isEqualTo("hello from child");
    }

    private static List<String> runChild(String classPath, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, ChildMain.class.getName()));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }
}
