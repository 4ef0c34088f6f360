package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblemsException;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.testing.TestService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What modules offer service code: {@code ModuleContext.provide(..)} and {@code app.extension(..)}. */
class ExtensionsIT {

    /** The API a feature module offers, like chassis-resilience's {@code Resilience}. */
    interface Greeter {
        String greet(String name);
    }

    /** A type no module provides. */
    interface Unprovided {}

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    static ChassisModule greeterModule(String name, String greeting) {
        return new ChassisModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void configure(ModuleContext context) {
                context.provide(Greeter.class, who -> greeting + ", " + who + "!");
            }
        };
    }

    @Test
    void theApplicationAndModulesConfiguredLaterFindWhatAModuleProvides() {
        AtomicReference<Greeter> seenByLaterModule = new AtomicReference<>();
        ChassisModule later = new ChassisModule() {
            @Override
            public String name() {
                return "later";
            }

            @Override
            public void configure(ModuleContext context) {
                seenByLaterModule.set(context.extension(Greeter.class));
            }
        };
        ChassisBuilder builder = service()
                .configure(app -> {
                    Greeter greeter = app.extension(Greeter.class);
                    app.http().get("/greet", ctx -> greeter.greet(ctx.requiredQueryParam("name")));
                })
                .module(greeterModule("greeter", "Hello"))
                .module(later);

        try (TestService service = TestService.start(builder)) {
            assertThat(service.http()
                            .get("/greet?name=Ann")
                            .send()
                            .expectStatus(200)
                            .body())
                    .isEqualTo("\"Hello, Ann!\"");
            assertThat(seenByLaterModule.get().greet("Bob")).isEqualTo("Hello, Bob!");
        }
    }

    @Test
    void anExtensionNoModuleProvidesFailsWithAMessageNamingTheType() {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        ChassisBuilder builder = service().configure(app -> {
            try {
                app.extension(Unprovided.class);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });

        TestService.start(builder).close();

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("Unprovided");
    }

    @Test
    void anUncaughtMissingExtensionIsAStartupProblemNamingTheType() {
        ChassisBuilder builder = service().configure(app -> app.extension(Unprovided.class));

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(
                        ConfigProblemsException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.origin()).startsWith("application setup (ExtensionsIT.java:");
                            assertThat(p.message()).contains("Unprovided");
                        }));
    }

    @Test
    void twoModulesProvidingTheSameTypeAreAStartupProblem() {
        ChassisBuilder builder =
                service().module(greeterModule("first", "Hello")).module(greeterModule("second", "Hi"));

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(
                        ConfigProblemsException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.origin()).isEqualTo("module 'second'");
                            assertThat(p.message())
                                    .startsWith("failed to configure: ")
                                    .contains("Greeter");
                        }));
    }

    @Test
    void aModuleConfiguredBeforeTheProviderDoesNotSeeTheExtensionYet() {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        ChassisModule earlier = new ChassisModule() {
            @Override
            public String name() {
                return "earlier";
            }

            @Override
            public void configure(ModuleContext context) {
                try {
                    context.extension(Greeter.class);
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            }
        };

        TestService.start(service().module(earlier).module(greeterModule("greeter", "Hello")))
                .close();

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("Greeter");
    }
}
