package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminIT {

    static final TestClock CLOCK = new TestClock();

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(
                    () -> service().clock(CLOCK).configure(a -> a.admin().get("/custom", ctx -> "custom")))
            .withConfig("db.password", "hunter2")
            .withConfig("db.user", "app");

    @Test
    void infoShowsNameVersionUptimeAndJvm() {
        CLOCK.advance(Duration.ofSeconds(90));

        JsonNode info = app.admin().get("/info").send().expectStatus(200).json();

        assertThat(info.get("name").asText()).isEqualTo("test-service");
        assertThat(info.get("version").asText()).isEqualTo("1.2.3");
        assertThat(info.get("uptimeSeconds").asLong()).isEqualTo(90);
        assertThat(info.get("jvm").get("version").asText())
                .isEqualTo(Runtime.version().toString());
    }

    @Test
    void configMasksSecretsAndShowsOrigins() {
        TestResponse response = app.admin().get("/config").send().expectStatus(200);

        JsonNode entries = response.json().get("entries");
        assertThat(response.body()).doesNotContain("hunter2");
        assertThat(entry(entries, "db.password").get("value").asText()).isNotEqualTo("hunter2");
        assertThat(entry(entries, "db.password").get("secret").asBoolean()).isTrue();
        assertThat(entry(entries, "db.user").get("value").asText()).contains("app");
        assertThat(entry(entries, "chassis.http.port").get("origin").asText()).isNotBlank();
    }

    @Test
    void applicationsAndModulesCanAddAdminRoutes() {
        assertThat(app.admin().get("/custom").send().body()).isEqualTo("\"custom\"");
    }

    @Test
    void adminRoutesAreNotServedOnTheApplicationPort() {
        app.http().get("/config").send().expectStatus(404);
    }

    @Test
    void adminListenerCanBeDisabled() {
        try (TestService noAdmin = TestService.start(service().admin(a -> a.set("enabled", false)))) {
            assertThat(noAdmin.app().adminPort()).isEqualTo(-1);
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
