package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayerPrecedenceTest {

    /** The layers, lowest first, each with how a test puts {@code orders.x} in it. */
    enum Layer {
        REFERENCE("reference") {
            void set(ConfigFixture f) {
                f.write(
                        "reference.conf",
                        "chassis.http { port = 8080, max-body-size = 1MiB, host = \"0.0.0.0\" }\n"
                                + "chassis.clients {}\norders { base = 1, x = reference }\n");
            }
        },
        APPLICATION("application") {
            void set(ConfigFixture f) {
                f.write("application.yaml", "orders:\n  x: application\n");
            }
        },
        PROFILE("profile:dev") {
            void set(ConfigFixture f) {
                f.env("CHASSIS_PROFILE", "dev").write("application-dev.yaml", "orders.x: profile\n");
            }
        },
        EXTERNAL("external") {
            void set(ConfigFixture f) {
                f.env(
                        "CHASSIS_CONFIG",
                        f.writeExternal("ext.conf", "orders.x = external\n").toString());
            }
        },
        ENVIRONMENT("environment") {
            void set(ConfigFixture f) {
                f.env("ORDERS_X", "environment");
            }
        },
        SYSTEM_PROPERTIES("system-properties") {
            void set(ConfigFixture f) {
                f.property("orders.x", "system-properties");
            }
        },
        OVERRIDES("overrides") {
            void set(ConfigFixture f) {}
        };

        final String layerName;

        Layer(String layerName) {
            this.layerName = layerName;
        }

        abstract void set(ConfigFixture fixture);

        String value() {
            return layerName.startsWith("profile") ? "profile" : layerName;
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        Layer[] layers = Layer.values();
        for (int low = 0; low < layers.length; low++) {
            for (int high = low + 1; high < layers.length; high++) {
                pairs.add(Arguments.of(layers[low], layers[high]));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} wins over {0}")
    @MethodSource("pairs")
    void higherLayerWins(Layer low, Layer high, @TempDir Path temp) {
        ConfigFixture fixture = new ConfigFixture(temp);
        fixture.write(
                "reference.conf",
                "chassis.http { port = 8080, max-body-size = 1MiB, host = \"0.0.0.0\" }\n"
                        + "chassis.clients {}\norders { base = 1 }\n");
        low.set(fixture);
        high.set(fixture);
        ConfigLoader loader = fixture.loader();
        if (high == Layer.OVERRIDES) {
            loader.override("orders.x", "overrides");
        }

        ChassisConfig config = loader.load();

        assertThat(config.config().getString("orders.x")).isEqualTo(high.value());
        assertThat(config.explain())
                .filteredOn(entry -> entry.path().equals("orders.x"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.layer()).isEqualTo(high.layerName));
    }

    @Test
    void applicationFilesMergeWithConfAboveYamlAboveJsonAboveProperties(@TempDir Path temp) {
        ConfigFixture fixture = new ConfigFixture(temp);
        fixture.write("application.properties", "a=properties\nb=properties\nc=properties\nd=properties\n");
        fixture.write("application.json", "{\"a\": \"json\", \"b\": \"json\", \"c\": \"json\"}");
        fixture.write("application.yaml", "a: yaml\nb: yaml\n");
        fixture.write("application.conf", "a = conf\n");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getString("a")).isEqualTo("conf");
        assertThat(config.config().getString("b")).isEqualTo("yaml");
        assertThat(config.config().getString("c")).isEqualTo("json");
        assertThat(config.config().getString("d")).isEqualTo("properties");
    }

    @Test
    void laterProfileWinsAndSystemPropertyChoosesProfilesOverEnvironment(@TempDir Path temp) {
        ConfigFixture fixture = new ConfigFixture(temp);
        fixture.write("application.yaml", "name: base\nonly-base: yes\n");
        fixture.write("application-a.yaml", "name: a\nonly-a: true\n");
        fixture.write("application-b.conf", "name = b\n");
        fixture.write("application-env.yaml", "name: env\n");
        fixture.env("CHASSIS_PROFILE", "env").property("chassis.profile", "a, b");

        ChassisConfig config = fixture.load();

        assertThat(config.profiles()).containsExactly("a", "b");
        assertThat(config.config().getString("name")).isEqualTo("b");
        assertThat(config.config().getBoolean("only-a")).isTrue();
        assertThat(config.config().getString("only-base")).isEqualTo("yes");
    }

    @Test
    void externalFilesApplyInOrderAndConfigFilePropertyComesLast(@TempDir Path temp) {
        ConfigFixture fixture = new ConfigFixture(temp);
        Path first = fixture.writeExternal("first.yaml", "name: first\nfirst: 1\n");
        Path second = fixture.writeExternal("second.conf", "name = second\nsecond = 2\n");
        Path third = fixture.writeExternal("third.yml", "name: third\n");
        fixture.env("CHASSIS_CONFIG", first + "," + second).property("config.file", third.toString());

        ChassisConfig config = fixture.load();

        assertThat(config.config().getString("name")).isEqualTo("third");
        assertThat(config.config().getInt("first")).isEqualTo(1);
        assertThat(config.config().getInt("second")).isEqualTo(2);
        assertThat(config.watchedFiles()).containsExactlyInAnyOrder(first, second, third);
    }
}
