package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class YamlTest extends FixtureTest {

    record Server(int port, String host) {}

    @Test
    void bindingErrorNamesTheYamlFileAndLine() {
        Path file = fixture.writeExternal("service.yaml", "server:\n  host: localhost\n  port: eighty\n");
        fixture.env("CHASSIS_CONFIG", file.toString());
        ChassisConfig config = fixture.load();

        assertThatThrownBy(() -> config.bind("server", Server.class))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining(file + ": 3: server.port must be a whole number, but was 'eighty'");
    }

    @Test
    void explainReportsYamlOriginsWithLineNumbers() {
        fixture.write("application.yaml", "# comment\norders:\n  db:\n    url: jdbc:h2:mem:x\n");

        ChassisConfig config = fixture.load();

        assertThat(config.explain())
                .filteredOn(entry -> entry.path().equals("orders.db.url"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.origin())
                            .startsWith("application.yaml @ file:")
                            .endsWith("application.yaml: 4");
                    assertThat(entry.layer()).isEqualTo("application");
                });
    }

    @Test
    void placeholdersComeFromTheEnvironmentWithDefaults() {
        fixture.env("DB_HOST", "db.internal");
        fixture.write(
                "application.yaml",
                "db:\n  url: jdbc:postgresql://${DB_HOST}:${DB_PORT:-5432}/orders\n  note: $${NOT_A_PLACEHOLDER}\n");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getString("db.url")).isEqualTo("jdbc:postgresql://db.internal:5432/orders");
        assertThat(config.config().getString("db.note")).isEqualTo("${NOT_A_PLACEHOLDER}");
    }

    @Test
    void unsetPlaceholderWithoutDefaultFailsWithFileLineAndHint() {
        fixture.write("application.yaml", "db:\n  user: app\n  url: ${DB_URL}\n");

        assertThatThrownBy(fixture::load)
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("application.yaml: 3: db.url must refer to a variable that is set")
                .hasMessageContaining("${DB_URL:-value}");
    }

    @Test
    void unquotedDottedKeysArePathsAndQuotedKeysAreSingleKeys() {
        fixture.write(
                "application.yaml",
                "chassis.http.port: 9090\nlevels:\n  \"io.chassis\": debug\nchassis:\n  http:\n    host: 127.0.0.1\n");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getInt("chassis.http.port")).isEqualTo(9090);
        assertThat(config.config().getString("chassis.http.host")).isEqualTo("127.0.0.1");
        assertThat(config.config().getConfig("levels").root().keySet()).containsExactly("io.chassis");
    }

    @Test
    void yamlMergesWithHoconLayerByLayer() {
        fixture.write("application.conf", "db { pool { min = 1, max = 5 } }\n");
        fixture.write("application-dev.yaml", "db:\n  pool:\n    max: 20\n");
        fixture.env("CHASSIS_PROFILE", "dev");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getInt("db.pool.min")).isEqualTo(1);
        assertThat(config.config().getInt("db.pool.max")).isEqualTo(20);
    }

    @Test
    void yamlTypesAnchorsAndMergeKeysAreUnderstood() {
        fixture.write(
                "application.yaml",
                String.join(
                        "\n",
                        "defaults: &defaults",
                        "  timeout: 5s",
                        "  retries: 3",
                        "payments:",
                        "  <<: *defaults",
                        "  retries: 5",
                        "country: NO",
                        "ratio: 0.25",
                        "enabled: true",
                        "empty:",
                        "tags: [a, b]",
                        ""));

        ChassisConfig config = fixture.load();

        assertThat(config.config().getDuration("payments.timeout")).hasSeconds(5);
        assertThat(config.config().getInt("payments.retries")).isEqualTo(5);
        assertThat(config.config().getString("country")).isEqualTo("NO");
        assertThat(config.config().getDouble("ratio")).isEqualTo(0.25);
        assertThat(config.config().getBoolean("enabled")).isTrue();
        assertThat(config.config().hasPathOrNull("empty")).isTrue();
        assertThat(config.config().getStringList("tags")).containsExactly("a", "b");
    }

    @Test
    void malformedYamlFailsWithFileAndLineAndNoParserStackTrace() {
        Path file = fixture.writeExternal("broken.yaml", "server:\n  port: 8080\n   host: x\n");
        fixture.env("CHASSIS_CONFIG", file.toString());

        assertThatThrownBy(fixture::load)
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageStartingWith("Configuration has 1 error:")
                .hasMessageContaining(file + ": 3: is not valid YAML")
                .hasMessageNotContaining("\tat ")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void duplicateKeysAndNonMappingDocumentsAreRejected() {
        Path duplicate = fixture.writeExternal("dup.yaml", "a: 1\nb: 2\na: 3\n");
        Path list = fixture.writeExternal("list.yaml", "- a\n- b\n");
        fixture.env("CHASSIS_CONFIG", duplicate + "," + list);

        assertThatThrownBy(fixture::load)
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("Configuration has 2 errors:")
                .hasMessageContaining(duplicate + ": 3: a must be written once per mapping, but appears again.")
                .hasMessageContaining(list + ": 1: must hold a mapping of keys at the top level, but holds a list");
    }
}
