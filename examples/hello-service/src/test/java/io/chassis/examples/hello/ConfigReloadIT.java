package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.testing.TestClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service with {@code chassis.config.reload.enabled} and an external file that the test
 * rewrites while the service runs, as a mounted ConfigMap would be.
 */
class ConfigReloadIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    Path file;
    ChildService child;
    TestClient http;
    TestClient admin;

    @BeforeEach
    void startTheServiceWithAWatchedFile() throws Exception {
        file = workDir.resolve("hello.yaml");
        write("hello:\n  greeting: Hello\n");
        child = ChildService.start(
                workDir,
                Map.of(
                        "CHASSIS_CONFIG", file.toString(),
                        "CHASSIS_CONFIG_RELOAD_ENABLED", "true",
                        "CHASSIS_CONFIG_RELOAD_INTERVAL", "50ms"));
        JsonNode started = JSON.readTree(child.awaitLine(line -> line.contains(" started in ")));
        http = new TestClient(
                URI.create("http://127.0.0.1:" + started.path("http_port").asInt() + "/"));
        admin = new TestClient(
                URI.create("http://127.0.0.1:" + started.path("admin_port").asInt() + "/"));
    }

    @AfterEach
    void stop() {
        child.kill();
    }

    @Test
    void aValidChangeIsShownByConfigAndReadAgainByTheService() throws Exception {
        write("hello:\n  greeting: Bonjour\n");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> configured("hello.greeting").equals(Optional.of("Bonjour")));
        child.awaitLine(line -> line.contains("Configuration reloaded; changed: [hello.greeting]"));
        http.get("/hello?name=Ann").send().expectStatus(200).expectJson("/message", "Bonjour, Ann!");
    }

    @Test
    void aChangeThatWouldFailStartupIsRejectedWithItsProblemsAndNothingChanges() throws Exception {
        write("hello:\n  greeting: Bonjour\n  max-name-length: abc\n");

        String rejected = child.awaitLine(line -> line.contains("Configuration change rejected"));

        assertThat(JSON.readTree(rejected).path("level").asText()).isEqualTo("ERROR");
        assertThat(JSON.readTree(rejected).path("message").asText())
                .contains(file + ": 3: hello.max-name-length must be a whole number, but was 'abc'");
        assertThat(configured("hello.max-name-length")).contains("40");
        assertThat(configured("hello.greeting")).contains("Hello");
        http.get("/hello?name=Ann").send().expectStatus(200).expectJson("/message", "Hello, Ann!");

        write("hello:\n  greeting: Hallo\n"); // a later valid change still gets through, measured against 40
        child.awaitLine(line -> line.contains("Configuration reloaded; changed: [hello.greeting]"));
        assertThat(configured("hello.greeting")).contains("Hallo");
    }

    @Test
    void aChangeThatBreaksTheSectionOfAModuleIsRejectedToo() throws Exception {
        write("hello:\n  greeting: Hello\nchassis:\n  health:\n    timeout: soon\n"
                + "  logging:\n    levels:\n      x: loud\n");

        String rejected = JSON.readTree(child.awaitLine(line -> line.contains("Configuration change rejected")))
                .path("message")
                .asText();

        assertThat(rejected)
                .contains("Configuration has 2 errors:")
                .contains(file + ": 5: chassis.health.timeout must be a duration")
                .contains(file + ": 8: chassis.logging.levels.x must be one of");
        assertThat(configured("chassis.health.timeout")).contains("2s");
    }

    @Test
    void aChangedLoggerLevelAppliesAtRunTime() throws Exception {
        write("hello:\n  greeting: Hello\nchassis:\n  logging:\n    levels:\n      \"io.chassis.examples\": debug\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(
                        admin.get("/loggers/io.chassis.examples").send().body())
                .path("effectiveLevel")
                .asText()
                .equals("DEBUG"));
        http.get("/hello?name=Dee").send().expectStatus(200);

        JsonNode debug = JSON.readTree(child.awaitLine(line -> line.contains("\"message\":\"Greeting Dee\"")));
        assertThat(debug.path("level").asText()).isEqualTo("DEBUG");
    }

    private Optional<String> configured(String path) throws Exception {
        JsonNode entries = JSON.readTree(
                        admin.get("/config").send().expectStatus(200).body())
                .path("entries");
        for (JsonNode entry : entries) {
            if (entry.path("path").asText().equals(path)) {
                return Optional.of(entry.path("value").asText());
            }
        }
        return Optional.empty();
    }

    /** Replaces the file in one step, so the service never reads it half written. */
    private void write(String content) throws Exception {
        Path next = Files.writeString(workDir.resolve("next.yaml"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
