package io.chassis.boundaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.chassis.health.fixture.ReachesIntoCore;
import org.junit.jupiter.api.Test;

/** The module-boundary rules hold for every module's main classes, and fail on a crossing. */
class ModuleBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/chassis-boundaries/"))
            .importPackages("io.chassis");

    @Test
    void everyModuleIsOnTheClassPathBeingChecked() {
        for (String root : ModuleBoundaries.ROOTS) {
            assertThat(MAIN.stream().anyMatch(c -> c.getPackageName().startsWith(root)))
                    .as("classes of %s imported", root)
                    .isTrue();
        }
    }

    @Test
    void noModuleImportsAnotherModulesInternalPackage() {
        ModuleBoundaries.noForeignInternals().check(MAIN);
    }

    @Test
    void examplesUseTheServiceAuthorApiOnly() {
        ModuleBoundaries.examplesUseNoSpi().check(MAIN);
    }

    @Test
    void aCrossModuleInternalImportIsReported() {
        JavaClasses crossing = new ClassFileImporter().importClasses(ReachesIntoCore.class);

        assertThatThrownBy(() -> ModuleBoundaries.noForeignInternals().check(crossing))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ReachesIntoCore.class.getName())
                .hasMessageContaining("io.chassis.core.internal is internal to the module of io.chassis.core");
    }

    @Test
    void aModuleMayUseItsOwnInternalsAndTheTracingBackendsAreModulesOfTheirOwn() {
        assertThat(ModuleBoundaries.internalRoot("io.chassis.tracing.internal")).contains("io.chassis.tracing");
        assertThat(ModuleBoundaries.internalRoot("io.chassis.tracing.otel.internal"))
                .contains("io.chassis.tracing.otel");
        assertThat(ModuleBoundaries.internalRoot("io.chassis.core.internal.server"))
                .contains("io.chassis.core");
        assertThat(ModuleBoundaries.internalRoot("io.chassis.core.internals")).isEmpty();
        assertThat(ModuleBoundaries.root("io.chassis.tracing.otel.internal")).contains("io.chassis.tracing.otel");
    }
}
