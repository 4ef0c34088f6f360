package io.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.core.Chassis;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * When the extension starts and stops its service: runs small test classes with the JUnit launcher
 * and looks at the service they saw once they are done.
 */
class ChassisExtensionLifecycleIT {

    /** Services the fixtures saw, in the order their tests ran. */
    static final List<Chassis> seen = new CopyOnWriteArrayList<>();

    static final List<TestClient> clients = new CopyOnWriteArrayList<>();

    static TestExecutionSummary run(Class<?> fixture) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(fixture))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    static void record(ChassisExtension app) {
        seen.add(app.app());
        clients.add(app.http());
        app.http().get("/missing").send().expectStatus(404);
    }

    static class WithNestedClasses {

        @RegisterExtension
        static ChassisExtension app = ChassisExtension.of(KitService::builder);

        @Test
        void outer() {
            record(app);
        }

        @Nested
        class First {
            @Test
            void inner() {
                record(app);
            }
        }

        @Nested
        class Second {
            @Test
            void inner() {
                record(app);
            }

            @Nested
            class Deeper {
                @Test
                void innermost() {
                    record(app);
                }
            }
        }
    }

    @Test
    void nestedClassesShareTheServiceWhichStopsWhenTheRegisteringClassIsDone() {
        seen.clear();
        clients.clear();

        TestExecutionSummary summary = run(WithNestedClasses.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
        assertThat(seen).hasSize(4).containsOnly(seen.get(0));
        assertThat(seen.get(0).readiness().isReady())
                .as("stopped after the class")
                .isFalse();
        assertThatThrownBy(() -> clients.get(0).get("/missing").send()).isInstanceOf(UncheckedIOException.class);
    }

    static class OnAnInstanceField {

        @RegisterExtension
        ChassisExtension app = ChassisExtension.of(KitService::builder);

        @Test
        void test() {
            app.app();
        }
    }

    @Test
    void onAnInstanceFieldTheServiceDoesNotRunAndSaysWhy() {
        TestExecutionSummary summary = run(OnAnInstanceField.class);

        assertThat(summary.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the service is not running; register the extension on a static field"));
    }

    static class ThatCannotStart {

        @RegisterExtension
        static ChassisExtension app =
                ChassisExtension.of(KitService::builder).withConfig("chassis.http.port", "not a port");

        @Test
        void test() {}
    }

    @Test
    void aServiceThatCannotStartFailsTheClassWithItsProblems() {
        TestExecutionSummary summary = run(ThatCannotStart.class);

        assertThat(summary.getTestsSucceededCount()).isZero();
        assertThat(summary.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(io.chassis.config.ConfigProblemsException.class)
                .hasMessageContaining("chassis.http.port"));
    }
}
