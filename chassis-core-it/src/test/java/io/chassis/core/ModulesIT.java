package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthResult;
import io.chassis.core.http.ServerFilter;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.core.spi.ModulePhase;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ModulesIT {

    final List<String> events = new CopyOnWriteArrayList<>();

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    /** Records its configure, start and stop in {@link #events}; its start fails when told so. */
    final class Recording implements ChassisModule {

        private final String name;
        private final ModulePhase phase;
        private final String startFailure;

        Recording(String name, ModulePhase phase, String startFailure) {
            this.name = name;
            this.phase = phase;
            this.startFailure = startFailure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ModulePhase phase() {
            return phase;
        }

        @Override
        public void configure(ModuleContext context) {
            events.add("configure " + name);
        }

        @Override
        public void start() {
            events.add("start " + name);
            if (startFailure != null) {
                throw new IllegalStateException(startFailure);
            }
        }

        @Override
        public void stop() {
            events.add("stop " + name);
        }
    }

    ChassisModule recording(String name) {
        return recording(name, ModulePhase.FEATURE);
    }

    ChassisModule recording(String name, ModulePhase phase) {
        return new Recording(name, phase, null);
    }

    /** A module that only configures itself, like the {@code ChassisModule.of} of old. */
    static ChassisModule module(String name, ModulePhase phase, Consumer<ModuleContext> configure) {
        return new ChassisModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ModulePhase phase() {
                return phase;
            }

            @Override
            public void configure(ModuleContext context) {
                configure.accept(context);
            }
        };
    }

    static ChassisModule module(String name, Consumer<ModuleContext> configure) {
        return module(name, ModulePhase.FEATURE, configure);
    }

    @Test
    void modulesAreConfiguredThenStartedInOrderAndStoppedInReverse() {
        TestService.start(service().module(recording("a")).module(recording("b")))
                .close();

        assertThat(events).containsExactly("configure a", "configure b", "start a", "start b", "stop b", "stop a");
    }

    @Test
    void phasesRunLoggingThenObservabilityThenFeatureInRegistrationOrderAndTheApplicationAfterEveryModule() {
        TestService.start(service()
                        .configure(app -> events.add("configure application"))
                        .module(recording("feature-a"))
                        .module(recording("observability-a", ModulePhase.OBSERVABILITY))
                        .module(recording("logging", ModulePhase.LOGGING))
                        .module(recording("feature-b"))
                        .module(recording("observability-b", ModulePhase.OBSERVABILITY)))
                .close();

        assertThat(events)
                .containsExactly(
                        "configure logging",
                        "configure observability-a",
                        "configure observability-b",
                        "configure feature-a",
                        "configure feature-b",
                        "configure application",
                        "start logging",
                        "start observability-a",
                        "start observability-b",
                        "start feature-a",
                        "start feature-b",
                        "stop feature-b",
                        "stop feature-a",
                        "stop observability-b",
                        "stop observability-a",
                        "stop logging");
    }

    static int brokenSetupLine;

    /** The application's {@code configure(..)} failing at its own line. */
    private static void brokenSetup(App app) {
        brokenSetupLine = nextLine();
        throw new IllegalStateException("the orders table is missing");
    }

    @Test
    void problemsOfAllModulesSettingsAndTheApplicationAreReportedTogetherBeforeAnythingStarts() {
        // not TestService.start: its ephemeral port would replace the invalid one
        ChassisBuilder builder = TestService.onLoopback(service())
                .http(h -> h.port(-1))
                .configure(ModulesIT::brokenSetup)
                .module(failingConfigure("m1", "m1.url"))
                .module(recording("ok"))
                .module(module("m3", c -> {
                    throw new IllegalStateException("no url configured");
                }))
                .module(failingConfigure("m2", "m2.size"));

        assertThatThrownBy(builder::start).isInstanceOfSatisfying(ConfigProblemsException.class, e -> {
            assertThat(e.problems())
                    .extracting(ConfigProblem::path)
                    .containsExactly("chassis.http.port", "m1.url", "", "m2.size", "");
            assertThat(e.problems().get(2))
                    .isEqualTo(new ConfigProblem("module 'm3'", "", "failed to configure: no url configured"));
            assertThat(e.problems().get(4))
                    .isEqualTo(new ConfigProblem(
                            "application setup (ModulesIT.java:" + brokenSetupLine + ")",
                            "",
                            "the orders table is missing"));
            assertThat(e.getMessage()).doesNotContain("IllegalStateException");
        });
        assertThat(events).containsExactly("configure ok");
    }

    @Test
    void aModuleFailingToStartStopsOnlyTheModulesWhoseStartReturnedInReverse() {
        ChassisBuilder builder = service()
                .module(recording("a"))
                .module(recording("b"))
                .module(new Recording("broken", ModulePhase.FEATURE, "no database"))
                .module(recording("c"))
                .module(recording("log", ModulePhase.LOGGING));

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOf(ChassisStartupException.class)
                .hasMessageContaining("module 'broken' failed to start: no database");
        assertThat(events)
                .containsExactly(
                        "configure log",
                        "configure a",
                        "configure b",
                        "configure broken",
                        "configure c",
                        "start log",
                        "start a",
                        "start b",
                        "start broken",
                        "stop b",
                        "stop a",
                        "stop log");
    }

    @Test
    void listenersFailingToOpenStopTheStartedModulesInReverse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // not TestService.start: its ephemeral port would replace the taken one
            ChassisBuilder builder = TestService.onLoopback(service())
                    .http(h -> h.port(taken.getLocalPort()))
                    .module(recording("a"))
                    .module(recording("b"));

            assertThatThrownBy(builder::start)
                    .isInstanceOf(ChassisStartupException.class)
                    .hasMessageContaining("cannot open the HTTP ports");
        }
        assertThat(events).containsExactly("configure a", "configure b", "start a", "start b", "stop b", "stop a");
    }

    @Test
    void modulesContributeFiltersRoutesAndHealthChecks() {
        AtomicReference<ModuleContext> seen = new AtomicReference<>();
        ChassisModule module = module("contrib", context -> {
            seen.set(context);
            context.http().filter((ctx, next) -> {
                ctx.responseHeader("X-Filtered", ctx.route() == null ? "no-route" : ctx.route());
                return next.proceed();
            });
            context.http().get("/from-module", ctx -> "module");
            context.admin().get("/ready", ctx -> context.health().readiness().isReady());
            context.health().add(HealthContribution.of("thing", HealthResult::up));
        });

        try (TestService service = TestService.start(service().module(module))) {
            TestResponse routed = service.http().get("/from-module").send();
            TestResponse missing = service.http().get("/missing").send();

            assertThat(routed.body()).isEqualTo("\"module\"");
            routed.expectHeader("X-Filtered", "/from-module");
            missing.expectHeader("X-Filtered", "no-route");
            assertThat(service.admin().get("/ready").send().body()).isEqualTo("true");
            assertThat(seen.get().healthContributions())
                    .extracting(HealthContribution::name)
                    .containsExactly("thing");
            assertThat(seen.get().service().name()).isEqualTo("test-service");
        }
    }

    static ServerFilter around(String name, List<String> order) {
        return (ctx, next) -> {
            order.add(name + " in");
            Object result = next.proceed();
            order.add(name + " out");
            return result;
        };
    }

    @Test
    void moduleFiltersWrapInPhaseOrderAroundTheServicesOwnFiltersWhichRunInTheOrderAdded() {
        List<String> order = new CopyOnWriteArrayList<>();
        ChassisBuilder builder = service()
                .configure(app -> app.http().filter((ctx, next) -> {
                    order.add("first");
                    return next.proceed();
                }))
                .module(module("feature", c -> c.http().filter(around("feature", order))))
                .module(module("observability", ModulePhase.OBSERVABILITY, c -> c.http()
                        .filter(around("observability", order))))
                .configure(app -> app.http()
                        .filter((ctx, next) -> {
                            order.add("second");
                            return next.proceed();
                        })
                        .get("/x", ctx -> {
                            order.add("handler");
                            return "x";
                        }));

        try (TestService service = TestService.start(builder)) {
            service.http().get("/x").send().expectStatus(200);
        }

        assertThat(order)
                .containsExactly(
                        "observability in",
                        "feature in",
                        "first",
                        "second",
                        "handler",
                        "feature out",
                        "observability out");
    }

    @Test
    void healthChecksOfTheApplicationComeAfterThoseOfModules() {
        AtomicReference<ModuleContext> seen = new AtomicReference<>();
        ChassisBuilder builder = service()
                .configure(app -> app.health().add("cache", HealthResult::up))
                .module(module("probe", seen::set))
                .module(module("db", c -> c.health().add("db", HealthResult::up)));

        TestService.start(builder).close();

        assertThat(seen.get().healthContributions())
                .extracting(HealthContribution::name)
                .containsExactly("db", "cache");
    }

    static int duplicateCheckLine;

    private static void addDuplicateCheck(App app) {
        duplicateCheckLine = nextLine();
        app.health().add("db", HealthResult::up);
    }

    @Test
    void healthCheckNamesMustBeUniqueAcrossModulesAndTheApplication() {
        ChassisBuilder builder = service()
                .configure(ModulesIT::addDuplicateCheck)
                .module(module("db", c -> c.health().add(HealthContribution.of("db", HealthResult::up))))
                .module(module("dup", c -> c.health().add(HealthContribution.of("db", HealthResult::up))));
        String message = "a health check named 'db' was already added; give each check a unique name";

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                new ConfigProblem("module 'dup'", "", "failed to configure: " + message),
                                new ConfigProblem(
                                        "application setup (ModulesIT.java:" + duplicateCheckLine + ")", "", message)));
    }

    @Test
    void modulesAreDiscoveredWithServiceLoaderUnlessSwitchedOff() {
        try (TestService discovering = TestService.start(service().discoverModules(true));
                TestService offByConfig = TestService.start(
                        service().discoverModules(true).configOverride("chassis.modules.discovery", false));
                TestService offByBuilder = TestService.start(service())) {
            discovering.http().get("/discovered").send().expectStatus(200);
            offByConfig.http().get("/discovered").send().expectStatus(404);
            offByBuilder.http().get("/discovered").send().expectStatus(404);
        }
    }

    private ChassisModule failingConfigure(String name, String path) {
        return module(name, context -> {
            throw new ConfigProblemsException(List.of(new ConfigProblem("test", path, "must be valid, but was 'x'.")));
        });
    }

    /** @return the number of the line after the caller's: where the caller's next statement fails */
    private static int nextLine() {
        return StackWalker.getInstance()
                        .walk(frames -> frames.skip(1).findFirst().orElseThrow())
                        .getLineNumber()
                + 1;
    }
}
