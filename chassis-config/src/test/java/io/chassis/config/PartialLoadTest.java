package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialLoadTest extends FixtureTest {

    record Orders(int max, String name) {}

    @Test
    void aMalformedFileContributesNothingAndTheOtherFilesAreStillAssembled() {
        Path good = fixture.writeExternal("good.yaml", "orders:\n  max: lots\n");
        Path bad = fixture.writeExternal("bad.yaml", "orders:\n  name: [x\n  y: : :\n");
        fixture.env("CHASSIS_CONFIG", good + "," + bad);

        ConfigLoad load = fixture.loader().loadCollecting();

        assertThat(load.complete()).isFalse();
        assertThat(load.problems()).singleElement().asString().startsWith(bad + ": 3: is not valid YAML");
        assertThat(load.config()).isPresent();
        assertThat(load.config().get().config().getString("orders.max")).isEqualTo("lots");
        assertThatThrownBy(load::orThrow).isInstanceOf(ConfigProblemsException.class);
    }

    @Test
    void ofTheLaterProblemsOnlyThoseAboutValuesThatAreSetAreDependable() {
        Path good = fixture.writeExternal("good.yaml", "orders:\n  max: lots\n");
        Path bad = fixture.writeExternal("bad.yaml", "orders:\n  name: [x\n  y: : :\n");
        fixture.env("CHASSIS_CONFIG", good + "," + bad);
        ConfigLoad load = fixture.loader().loadCollecting();
        List<ConfigProblem> found = List.of();
        try {
            load.config().orElseThrow().bind("orders", Orders.class);
        } catch (ConfigProblemsException e) {
            found = e.problems();
        }

        assertThat(found).extracting(ConfigProblem::path).containsExactlyInAnyOrder("orders.max", "orders.name");
        assertThat(load.dependable(found))
                .singleElement()
                .asString()
                .isEqualTo(good + ": 2: orders.max must be a whole number, but was 'lots'.");
    }

    @Test
    void aCompleteLoadKeepsEveryLaterProblem() {
        fixture.writeExternal("good.yaml", "orders:\n  max: 1\n");
        fixture.env("CHASSIS_CONFIG", fixture.external.resolve("good.yaml").toString());
        ConfigLoad load = fixture.loader().loadCollecting();
        List<ConfigProblem> found = List.of(new ConfigProblem("x", "orders.name", "must be set"));

        assertThat(load.complete()).isTrue();
        assertThat(load.dependable(found)).isEqualTo(found);
        assertThat(load.orThrow().config().getInt("orders.max")).isEqualTo(1);
    }
}
