package io.chassis.core;

import static io.chassis.core.TestApps.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthResult;
import io.chassis.core.spi.ModuleContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ModulesIT {

    final List<String> events = new CopyOnWriteArrayList<>();

    ChassisModule recording(String name) {
        return recording(name, 0);
    }

    ChassisModule recording(String name, int order) {
        return new ChassisModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public void configure(ModuleContext context) {
                events.add("configure " + name);
            }

            @Override
            public void start() {
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void modulesAreConfiguredThenStartedInOrderAndStoppedInReverse() {
        Chassis app =
                TestApps.builder().module(recording("a")).module(recording("b")).start();
        app.stop();

        assertThat(events).containsExactly("configure a", "configure b", "start a", "start b", "stop b", "stop a");
    }

    @Test
    void aLowerOrderIsConfiguredAndStartedFirstAndStoppedLast() {
        Chassis app = TestApps.builder()
                .module(recording("a"))
                .module(recording("late", 10))
                .module(recording("first", Integer.MIN_VALUE))
                .module(recording("b"))
                .start();
        app.stop();

        assertThat(events)
                .containsExactly(
                        "configure first",
                        "configure a",
                        "configure b",
                        "configure late",
                        "start first",
                        "start a",
                        "start b",
                        "start late",
                        "stop late",
                        "stop b",
                        "stop a",
                        "stop first");
    }

    @Test
    void problemsOfAllModulesAndSettingsAreReportedTogetherBeforeAnythingStarts() {
        ChassisBuilder builder = TestApps.builder()
                .configOverride("chassis.http.port", -1)
                .module(failingConfigure("m1", "m1.url"))
                .module(recording("ok"))
                .module(failingConfigure("m2", "m2.size"));

        assertThatThrownBy(builder::start)
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("chassis.http.port", "m1.url", "m2.size"));
        assertThat(events).containsExactly("configure ok");
    }

    @Test
    void aModuleFailingToStartStopsTheOnesStartedBefore() {
        ChassisModule broken = new ChassisModule() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void start() throws Exception {
                throw new IllegalStateException("no database");
            }
        };
        ChassisBuilder builder = TestApps.builder().module(recording("a")).module(broken);

        assertThatThrownBy(builder::start)
                .isInstanceOf(ChassisStartupException.class)
                .hasMessageContaining("module 'broken' failed to start: no database");
        assertThat(events).containsExactly("configure a", "start a", "stop a");
    }

    @Test
    void modulesContributeFiltersRoutesAndHealthChecks() throws Exception {
        AtomicReference<ModuleContext> seen = new AtomicReference<>();
        ChassisModule module = new ChassisModule() {
            @Override
            public String name() {
                return "contrib";
            }

            @Override
            public void configure(ModuleContext context) {
                seen.set(context);
                context.http().filter((ctx, next) -> {
                    ctx.responseHeader("X-Filtered", ctx.route() == null ? "no-route" : ctx.route());
                    return next.proceed();
                });
                context.http().get("/from-module", ctx -> "module");
                context.admin().get("/ready", ctx -> context.health().readiness().isReady());
                context.health().add(HealthContribution.of("thing", HealthResult::up));
            }
        };

        try (Chassis app = TestApps.builder().module(module).start()) {
            HttpResponse<String> routed = TestApps.get(uri(app, "/from-module"));
            HttpResponse<String> missing = TestApps.get(uri(app, "/missing"));

            assertThat(routed.body()).isEqualTo("\"module\"");
            assertThat(routed.headers().firstValue("X-Filtered")).hasValue("/from-module");
            assertThat(missing.headers().firstValue("X-Filtered")).hasValue("no-route");
            assertThat(TestApps.get(TestApps.adminUri(app, "/ready")).body()).isEqualTo("true");
            assertThat(seen.get().healthContributions())
                    .extracting(HealthContribution::name)
                    .containsExactly("thing");
            assertThat(seen.get().service().name()).isEqualTo("test-service");
        }
    }

    @Test
    void moduleFiltersWrapTheServicesOwnFiltersWhichRunInTheOrderAdded() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        ChassisModule module = ChassisModule.of(
                "wrapping",
                context -> context.http().filter((ctx, next) -> {
                    order.add("module in");
                    Object result = next.proceed();
                    order.add("module out");
                    return result;
                }));

        try (Chassis app = TestApps.builder()
                .filter((ctx, next) -> {
                    order.add("first");
                    return next.proceed();
                })
                .module(module)
                .filter((ctx, next) -> {
                    order.add("second");
                    return next.proceed();
                })
                .get("/x", ctx -> {
                    order.add("handler");
                    return "x";
                })
                .start()) {
            assertThat(TestApps.get(uri(app, "/x")).statusCode()).isEqualTo(200);
        }

        assertThat(order).containsExactly("module in", "first", "second", "handler", "module out");
    }

    @Test
    void healthChecksFromTheBuilderComeBeforeModuleChecksAndNamesMustBeUnique() {
        AtomicReference<ModuleContext> seen = new AtomicReference<>();
        ChassisBuilder builder = TestApps.builder()
                .healthCheck("db", HealthResult::up)
                .module(ChassisModule.of("probe", seen::set))
                .module(ChassisModule.of(
                        "dup", c -> c.health().add(HealthContribution.of("db", HealthResult::up))));

        assertThatThrownBy(builder::start)
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.getMessage())
                        .contains("module 'dup'", "a health check named 'db' was already added"));
        assertThat(seen.get().healthContributions()).singleElement().satisfies(c -> assertThat(c.name())
                .isEqualTo("db"));
    }

    @Test
    void modulesAreDiscoveredWithServiceLoaderUnlessSwitchedOff() throws Exception {
        try (Chassis discovering = TestApps.builder().discoverModules(true).start();
                Chassis offByConfig = TestApps.builder()
                        .discoverModules(true)
                        .configOverride("chassis.modules.discovery", false)
                        .start();
                Chassis offByBuilder = TestApps.builder().start()) {
            assertThat(TestApps.get(uri(discovering, "/discovered")).statusCode())
                    .isEqualTo(200);
            assertThat(TestApps.get(uri(offByConfig, "/discovered")).statusCode())
                    .isEqualTo(404);
            assertThat(TestApps.get(uri(offByBuilder, "/discovered")).statusCode())
                    .isEqualTo(404);
        }
    }

    private ChassisModule failingConfigure(String name, String path) {
        return new ChassisModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void configure(ModuleContext context) {
                throw new ConfigProblemsException(
                        List.of(new ConfigProblem("test", path, "must be valid, but was 'x'.")));
            }
        };
    }
}
