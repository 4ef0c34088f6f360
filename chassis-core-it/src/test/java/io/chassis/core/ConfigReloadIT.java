package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigChange;
import io.chassis.testing.TestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadIT {

    @TempDir
    Path temp;

    final List<ConfigChange> changes = new CopyOnWriteArrayList<>();

    TestService start(Path file, boolean reload) {
        return TestService.start(Chassis.builder()
                .name("test-service")
                .discoverModules(false)
                .configLoader(ChassisConfig.loader()
                        .environment(Map.of(
                                "CHASSIS_CONFIG", file.toString(),
                                "CHASSIS_CONFIG_RELOAD_ENABLED", Boolean.toString(reload),
                                "CHASSIS_CONFIG_RELOAD_INTERVAL", "50ms")))
                .configure(app -> app.lifecycle().onConfigChange(changes::add)));
    }

    @Test
    void aValidChangeOfAnExternalFileReachesTheListeners() throws Exception {
        Path file = Files.writeString(temp.resolve("app.yaml"), "greeting: hello\n");
        TestService service = start(file, true);
        try {
            replace(file, "greeting: bonjour\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> !changes.isEmpty());
            assertThat(changes.get(0).changedPaths()).containsExactly("greeting");
            assertThat(changes.get(0).current().config().getString("greeting")).isEqualTo("bonjour");
        } finally {
            service.close();
        }
    }

    @Test
    void aChangeThatBreaksCoreSettingsIsRejectedAndLaterValidOnesStillArrive() throws Exception {
        Path file = Files.writeString(temp.resolve("app.yaml"), "greeting: hello\n");
        TestService service = start(file, true);
        try {
            replace(file, "greeting: hello\nchassis.http.max-body-size: lots\n");
            Thread.sleep(500); // several check intervals: the broken file must not get through
            assertThat(changes).isEmpty();

            replace(file, "greeting: hallo\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> !changes.isEmpty());
            assertThat(changes).hasSize(1);
            assertThat(changes.get(0).current().config().getString("greeting")).isEqualTo("hallo");
        } finally {
            service.close();
        }
    }

    @Test
    void theApplicationsConfigAndTheAdminConfigShowWhatIsInForceAfterAChange() throws Exception {
        Path file = Files.writeString(temp.resolve("app.yaml"), "greeting: hello\n");
        TestService service = start(file, true);
        try {
            replace(file, "greeting: bonjour\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> !changes.isEmpty());

            assertThat(service.app().config().config().getString("greeting")).isEqualTo("bonjour");
            assertThat(changes.get(0).previous().config().getString("greeting")).isEqualTo("hello");
            service.admin()
                    .get("/config")
                    .send()
                    .expectStatus(200)
                    .expectBodyContains("{\"path\":\"greeting\",\"value\":\"bonjour\"");
        } finally {
            service.close();
        }
    }

    @Test
    void withoutReloadEnabledNothingIsWatched() throws Exception {
        Path file = Files.writeString(temp.resolve("app.yaml"), "greeting: hello\n");
        TestService service = start(file, false);
        try {
            replace(file, "greeting: bonjour\n");
            Thread.sleep(500); // ten would-be check intervals

            assertThat(changes).isEmpty();
        } finally {
            service.close();
        }
    }

    /** Rewrites the watched file in one step: the reloader must never read it half written. */
    private static void replace(Path file, String content) throws java.io.IOException {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), content);
        Files.move(
                next,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
