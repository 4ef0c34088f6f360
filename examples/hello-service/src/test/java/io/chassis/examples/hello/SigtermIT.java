package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.testing.TestClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service stopped the way an orchestrator stops it: SIGTERM to the process. The stop is
 * graceful and the JVM exits with 143 (128 + SIGTERM), as every JVM does after running its shutdown
 * hooks for a signal; docs/http.md#stopping tells systemd users to accept it.
 */
class SigtermIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    private ChildService child;

    @AfterEach
    void killIfStillRunning() {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    void aGracefulStopBySigtermExitsWithStatus143() throws Exception {
        child = ChildService.start(workDir, Map.of("CHASSIS_SHUTDOWN_GRACE_PERIOD", "5s"));
        JsonNode started = JSON.readTree(child.awaitLine(line -> line.contains(" started in ")));
        new TestClient(URI.create(
                        "http://127.0.0.1:" + started.path("http_port").asInt() + "/"))
                .get("/hello")
                .send()
                .expectStatus(200);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : child.terminate()) {
            lines.add(JSON.readTree(line));
        }

        assertThat(child.exitStatus()).isEqualTo(143);
        assertThat(lines.get(lines.size() - 1).path("message").asText()).isEqualTo("hello-service stopped");
        assertThat(lines)
                .as("nothing was cut")
                .noneMatch(line -> line.path("level").asText().equals("WARN"));
    }
}
