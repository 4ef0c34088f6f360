package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReloadTest extends FixtureTest {

    Path file;
    final List<ConfigChange> changes = new CopyOnWriteArrayList<>();

    record Limits(int max, Duration window) {}

    @BeforeEach
    void setUp() {
        file = fixture.writeExternal("limits.yaml", "limits:\n  max: 10\n  window: 1s\nname: a\n");
        fixture.env("CHASSIS_CONFIG", file.toString());
    }

    @Test
    void validChangeIsAppliedAndListenersAreToldWhichKeysChanged() {
        ConfigReloader reloader = ConfigReloader.create(fixture.load())
                .addValidator(config -> config.bind("limits", Limits.class))
                .addListener(changes::add);
        fixture.writeExternal("limits.yaml", "limits:\n  max: 20\n  window: 1s\nextra: x\n");

        ConfigChange change = reloader.checkNow();

        assertThat(change).isNotNull();
        assertThat(change.changedPaths()).containsExactlyInAnyOrder("limits.max", "extra", "name");
        assertThat(change.affects("limits")).isTrue();
        assertThat(changes).containsExactly(change);
        assertThat(reloader.current().config().getInt("limits.max")).isEqualTo(20);
    }

    @Test
    void malformedChangeIsRejectedAndTheOldConfigurationKept() {
        ConfigReloader reloader = ConfigReloader.create(fixture.load()).addListener(changes::add);
        ChassisConfig before = reloader.current();
        fixture.writeExternal("limits.yaml", "limits:\n  max: 20\n   window: [\n");

        assertThat(reloader.checkNow()).isNull();

        assertThat(reloader.current()).isSameAs(before);
        assertThat(changes).isEmpty();
    }

    @Test
    void changeFailingValidationIsRejectedAndTheOldConfigurationKept() {
        ConfigReloader reloader = ConfigReloader.create(fixture.load())
                .addValidator(config -> config.bind("limits", Limits.class))
                .addListener(changes::add);
        ChassisConfig before = reloader.current();
        fixture.writeExternal("limits.yaml", "limits:\n  max: lots\n  window: 1s\n");

        assertThat(reloader.checkNow()).isNull();
        assertThat(reloader.current()).isSameAs(before);

        fixture.writeExternal("limits.yaml", "limits:\n  max: 30\n  window: 1s\nname: a\n");
        assertThat(reloader.checkNow()).isNotNull();
        assertThat(reloader.current().config().getInt("limits.max")).isEqualTo(30);
        assertThat(changes).hasSize(1);
    }

    @Test
    void aSectionBoundBeforeMustBindAgainWithoutAnyValidator() {
        ChassisConfig config = fixture.load();
        config.bind("limits", Limits.class);
        ConfigReloader reloader = ConfigReloader.create(config).addListener(changes::add);
        fixture.writeExternal("limits.yaml", "limits:\n  max: lots\n  window: 1s\nname: b\n");

        assertThat(reloader.checkNow()).isNull();

        assertThat(changes).isEmpty();
        assertThat(config.config().getInt("limits.max")).isEqualTo(10);
        assertThat(config.config().getString("name")).isEqualTo("a");
    }

    @Test
    void aSectionReadWithItsOwnReaderMustBeAcceptedAgain() {
        ChassisConfig config = fixture.load();
        config.read("limits", c -> {
            new ConfigRules(c)
                    .require(
                            c.getInt("limits.max") <= 100,
                            "limits.max",
                            "be at most 100",
                            c.getInt("limits.max"),
                            "Use e.g. 50.")
                    .throwIfAny();
            return c;
        });
        ConfigReloader reloader = ConfigReloader.create(config);
        fixture.writeExternal("limits.yaml", "limits:\n  max: 500\n  window: 1s\nname: a\n");

        assertThat(reloader.checkNow()).isNull();
        assertThat(config.config().getInt("limits.max")).isEqualTo(10);
        assertThat(config.boundSections()).containsExactly("limits");
    }

    @Test
    void theConfigurationTheReloaderWasCreatedWithFollowsAValidChange() {
        ChassisConfig config = fixture.load();
        Limits bound = config.bind("limits", Limits.class);
        ConfigReloader reloader = ConfigReloader.create(config);
        fixture.writeExternal("limits.yaml", "limits:\n  max: 20\n  window: 1s\nname: a\n");

        ConfigChange change = reloader.checkNow();

        assertThat(change).isNotNull();
        assertThat(config.config().getInt("limits.max")).isEqualTo(20);
        assertThat(config.explain()).anySatisfy(entry -> {
            assertThat(entry.path()).isEqualTo("limits.max");
            assertThat(entry.value()).isEqualTo("20");
        });
        assertThat(config.bind("limits", Limits.class).max()).isEqualTo(20);
        assertThat(bound.max()).as("what was bound before stays as bound").isEqualTo(10);
        assertThat(change.previous().config().getInt("limits.max")).isEqualTo(10);
        assertThat(change.current().config().getInt("limits.max")).isEqualTo(20);
        assertThat(reloader.current()).isSameAs(change.current());
    }

    @Test
    void untouchedFilesCauseNoReload() {
        ConfigReloader reloader = ConfigReloader.create(fixture.load()).addListener(changes::add);

        assertThat(reloader.checkNow()).isNull();
        assertThat(changes).isEmpty();
    }

    @Test
    void startedReloaderNoticesAChangedFileByItself() {
        try (ConfigReloader reloader = ConfigReloader.create(fixture.load()).addListener(changes::add)) {
            reloader.start(Duration.ofMillis(50));

            fixture.writeExternal("limits.yaml", "limits:\n  max: 11\n  window: 1s\nname: a\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> !changes.isEmpty());
            assertThat(changes.get(0).changedPaths()).containsExactly("limits.max");
        }
    }

    @Test
    void reloadIsOffUnlessEnabledInConfiguration() {
        assertThat(ConfigReloader.startIfEnabled(fixture.load())).isEmpty();

        fixture.env("CHASSIS_CONFIG_RELOAD_ENABLED", "true").env("CHASSIS_CONFIG_RELOAD_INTERVAL", "50ms");
        try (ConfigReloader reloader =
                ConfigReloader.startIfEnabled(fixture.load()).orElseThrow()) {
            reloader.addListener(changes::add);
            fixture.writeExternal("limits.yaml", "limits:\n  max: 12\n  window: 1s\nname: a\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> !changes.isEmpty());
        }
    }

    @Test
    void invalidReloadIntervalFailsTheLoad() {
        fixture.env("CHASSIS_CONFIG_RELOAD_INTERVAL", "0s");

        org.assertj.core.api.Assertions.assertThatThrownBy(fixture::load)
                .hasMessageContaining("environment variable CHASSIS_CONFIG_RELOAD_INTERVAL")
                .hasMessageContaining("chassis.config.reload must be a positive duration, but was 'PT0S'");
    }
}
