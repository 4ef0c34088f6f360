package io.chassis.core;

import static io.chassis.core.TestApps.adminUri;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    static Chassis app;

    @BeforeAll
    static void start() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return NOW.get();
            }
        };
        app = TestApps.builder()
                .clock(clock)
                .configOverride("db.password", "hunter2")
                .configOverride("db.user", "app")
                .adminRoutes(r -> r.get("/custom", ctx -> "custom"))
                .start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void infoShowsNameVersionUptimeAndJvm() throws Exception {
        NOW.set(Instant.parse("2025-01-01T00:01:30Z"));

        JsonNode info = JSON.readTree(TestApps.get(adminUri(app, "/info")).body());

        assertThat(info.get("name").asText()).isEqualTo("test-service");
        assertThat(info.get("version").asText()).isEqualTo("1.2.3");
        assertThat(info.get("uptimeSeconds").asLong()).isEqualTo(90);
        assertThat(info.get("jvm").get("version").asText())
                .isEqualTo(Runtime.version().toString());
    }

    @Test
    void configMasksSecretsAndShowsOrigins() throws Exception {
        HttpResponse<String> response = TestApps.get(adminUri(app, "/config"));

        JsonNode entries = JSON.readTree(response.body()).get("entries");
        assertThat(response.body()).doesNotContain("hunter2");
        assertThat(entry(entries, "db.password").get("value").asText()).isNotEqualTo("hunter2");
        assertThat(entry(entries, "db.password").get("secret").asBoolean()).isTrue();
        assertThat(entry(entries, "db.user").get("value").asText()).contains("app");
        assertThat(entry(entries, "chassis.http.port").get("origin").asText()).isNotBlank();
    }

    @Test
    void applicationsAndModulesCanAddAdminRoutes() throws Exception {
        assertThat(TestApps.get(adminUri(app, "/custom")).body()).isEqualTo("\"custom\"");
    }

    @Test
    void adminRoutesAreNotServedOnTheApplicationPort() throws Exception {
        assertThat(TestApps.get(TestApps.uri(app, "/config")).statusCode()).isEqualTo(404);
    }

    @Test
    void adminListenerCanBeDisabled() {
        try (Chassis noAdmin = TestApps.builder()
                .configOverride("chassis.admin.enabled", false)
                .start()) {
            assertThat(noAdmin.adminPort()).isEqualTo(-1);
        }
    }

    private static JsonNode entry(JsonNode entries, String path) {
        for (JsonNode entry : entries) {
            if (entry.get("path").asText().equals(path)) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + path + " in " + entries);
    }
}
