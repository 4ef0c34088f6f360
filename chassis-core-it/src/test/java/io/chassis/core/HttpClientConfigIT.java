package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ClientExtension;
import io.chassis.core.spi.ClientInterceptor;
import io.chassis.core.spi.ModuleContext;
import io.chassis.testing.TestService;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Client settings are validated at startup; modules extend clients through the SPI in a fixed order. */
class HttpClientConfigIT {

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    @Test
    void invalidClientSettingsAreAllReportedAtStartup() {
        ChassisBuilder builder = service()
                .configOverride("chassis.clients.payments.base-url", "payments:8080")
                .configOverride("chassis.clients.payments.request-timeout", "0s")
                .configOverride("chassis.clients.stock.resilience.retry", "default")
                .configOverride("chassis.clients.stock.base-urll", "http://stock");

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .contains(
                                "chassis.clients.payments.base-url",
                                "chassis.clients.payments.request-timeout",
                                "chassis.clients.stock.resilience",
                                "chassis.clients.stock.base-url",
                                "chassis.clients.stock.base-urll"));
    }

    /** Adds a global interceptor and an extension owning {@code extra}, as a module would. */
    static final class OrderingModule implements ChassisModule {

        final List<String> seen;
        final List<String> sections;

        OrderingModule(List<String> seen, List<String> sections) {
            this.seen = seen;
            this.sections = sections;
        }

        @Override
        public String name() {
            return "ordering";
        }

        @Override
        public void configure(ModuleContext context) {
            context.addClientInterceptor(tagging("global", seen));
            context.addClientExtension(new ClientExtension() {
                @Override
                public String key() {
                    return "extra";
                }

                @Override
                public Optional<ClientInterceptor> interceptor(String client, String path) {
                    sections.add(client + " " + context.config().config().getBoolean(path + ".flag"));
                    return Optional.of(tagging("extension", seen));
                }
            });
        }
    }

    @Test
    void extensionsOwnTheirKeyAndInterceptorsRunInDocumentedOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> sections = new CopyOnWriteArrayList<>();
        try (TestService b = TestService.start(service().configure(app -> app.http()
                        .get("/x", ctx -> ctx.header("X-Order").orElse(""))));
                TestService a = TestService.start(service()
                        .configOverride(
                                "chassis.clients.b.base-url",
                                "http://127.0.0.1:" + b.http().port())
                        .configOverride("chassis.clients.b.extra.flag", true)
                        .module(new OrderingModule(seen, sections)))) {
            String order = a.app().clients().http("b").get("/x").send(String.class);

            assertThat(sections).containsExactly("b true");
            assertThat(seen).containsExactly("extension b /x", "global b /x");
            assertThat(order).isEqualTo("\"extension,global\"");
        }
    }

    private static ClientInterceptor tagging(String name, List<String> seen) {
        return chain -> {
            seen.add(name + " " + chain.client() + " " + chain.uriTemplate());
            HttpRequest request = chain.request();
            String before =
                    request.headers().firstValue("X-Order").map(v -> v + ",").orElse("");
            return chain.proceed(HttpRequest.newBuilder(request, (n, v) -> !n.equalsIgnoreCase("X-Order"))
                    .header("X-Order", before + name)
                    .build());
        };
    }

    @Test
    void clientsAreUsableOnlyOnceConfigurationIsComplete() {
        Map<String, Object> seen = new HashMap<>();
        TestService.start(service()
                        .configOverride("chassis.clients.b.base-url", "http://127.0.0.1:1")
                        .configure(app -> {
                            try {
                                app.clients().http("b").get("/x").send();
                            } catch (IllegalStateException e) {
                                seen.put("error", e.getMessage());
                            }
                        }))
                .close();

        assertThat(seen.get("error")).asString().contains("once every module has been configured");
    }
}
