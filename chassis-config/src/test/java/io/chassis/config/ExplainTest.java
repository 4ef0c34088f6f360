package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainTest {

    @Test
    void everyEffectiveKeyIsListedWithValueLayerAndOrigin(@TempDir Path temp) {
        ConfigFixture fixture = new ConfigFixture(temp);
        fixture.write("application.conf", "orders {\n  name = orders\n  db.password = hunter2\n}\n");
        Path external = fixture.writeExternal("prod.yaml", "orders:\n  replicas: 3\n");
        fixture.env("CHASSIS_CONFIG", external.toString()).property("orders.name", "orders-prod");

        ChassisConfig config = fixture.loader().override("orders.debug", true).load();

        assertThat(config.explain())
                .extracting(ConfigEntry::path, ConfigEntry::value, ConfigEntry::layer, ConfigEntry::secret)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("chassis.http.port", "8080", "reference", false),
                        org.assertj.core.groups.Tuple.tuple("orders.name", "orders-prod", "system-properties", false),
                        org.assertj.core.groups.Tuple.tuple(
                                "orders.db.password", ChassisConfig.MASK, "application", true),
                        org.assertj.core.groups.Tuple.tuple("orders.replicas", "3", "external", false),
                        org.assertj.core.groups.Tuple.tuple("orders.debug", "true", "overrides", false));
        assertThat(config.explain())
                .filteredOn(e -> e.path().equals("orders.replicas"))
                .singleElement()
                .extracting(ConfigEntry::origin)
                .isEqualTo(external + ": 2");
        assertThat(config.explain())
                .filteredOn(e -> e.path().equals("orders.name"))
                .singleElement()
                .extracting(ConfigEntry::origin)
                .isEqualTo("system property orders.name");
    }

    @Test
    void renderWritesOneLinePerKeyWithLayerAndOrigin(@TempDir Path temp) {
        ConfigFixture fixture = new ConfigFixture(temp);
        fixture.write("application.yaml", "orders:\n  name: orders\n");

        String text = fixture.load().render();

        assertThat(text.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("orders.name = orders  # application, application.yaml @ file:")
                .endsWith("application.yaml: 2"));
    }
}
