package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.testing.TestClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service with {@code CHASSIS_PROFILE=dev}: application-dev.yaml switches to text. */
class DevProfileLoggingIT {

    static final Pattern PORT = Pattern.compile("http port (\\d+),");

    @TempDir
    Path workDir;

    @Test
    void theDevProfileWritesReadableTextWithDebugLinesOfTheService() throws Exception {
        ChildService child = ChildService.start(workDir, Map.of("CHASSIS_PROFILE", "dev"));
        List<String> lines;
        try {
            Matcher started = PORT.matcher(child.awaitLine(line -> line.contains(" started in ")));
            assertThat(started.find()).isTrue();
            TestClient http = new TestClient(URI.create("http://127.0.0.1:" + started.group(1) + "/"));
            http.get("/hello?name=Dev").send().expectStatus(200);
            lines = child.terminate();
        } finally {
            child.kill();
        }

        assertThat(lines).isNotEmpty().noneMatch(line -> line.startsWith("{"));
        assertThat(lines)
                .anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main] "
                        + "io\\.chassis\\.core\\.Chassis - hello-service .* started in .*"));
        assertThat(lines)
                .anyMatch(line -> line.contains(" DEBUG [")
                        && line.contains("Greetings [request_id=")
                        && line.endsWith(" - Greeting Dev"));
        assertThat(lines.get(lines.size() - 1)).endsWith(" - hello-service stopped");
    }
}
