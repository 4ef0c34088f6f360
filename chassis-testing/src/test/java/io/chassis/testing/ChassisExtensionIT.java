package io.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One real service for the whole class, on loopback, through the extension's clients. */
class ChassisExtensionIT {

    static ChassisBuilder service() {
        return Chassis.builder()
                .name("extension-test")
                .discoverModules(false)
                .http(h -> h.port(8080)) // the extension replaces it with an ephemeral port
                .configure(app -> {
                    app.http()
                            .get(
                                    "/setting",
                                    ctx -> Map.of("value", app.config().config().getString("kit.value")));
                    app.admin().get("/kit", ctx -> Map.of("admin", true));
                });
    }

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(ChassisExtensionIT::service)
            .withConfig("chassis.service.version", "9.9")
            .withConfig("kit.value", "x");

    static Chassis startedForTheClass;

    @BeforeAll
    static void remember() {
        startedForTheClass = app.app();
    }

    @Test
    void servesTheApplicationOnAnEphemeralLoopbackPort() {
        TestResponse response = app.http().get("/setting").send();

        response.expectStatus(200).expectContentType("application/json").expectBody("{\"value\":\"x\"}");
        assertThat(app.baseUri()).hasToString("http://127.0.0.1:" + app.app().httpPort() + "/");
        assertThat(app.http().port()).isEqualTo(app.baseUri().getPort()).isNotIn(8080, 0);
        assertThat(app.http().uri("/setting")).isEqualTo(app.baseUri().resolve("/setting"));
    }

    @Test
    void appliesConfigOverridesAndServesTheAdminPort() {
        TestResponse info = app.admin().get("/info").send();

        info.expectStatus(200).expectJson("/version", "9.9").expectJson("/name", "extension-test");
        app.admin().get("/kit").send().expectJson("/admin", true);
        assertThat(app.adminUri()).hasToString("http://127.0.0.1:" + app.app().adminPort() + "/");
        assertThat(app.admin().port()).isNotIn(8081, 0, app.http().port());
        assertThat(app.app().readiness().isReady()).isTrue();
        assertThat(app.app().config().config().getDuration("chassis.shutdown.drain-delay"))
                .isZero();
    }

    @Nested
    class InANestedClass {

        @Test
        void theServiceOfTheEnclosingClassIsShared() {
            assertThat(app.app()).isSameAs(startedForTheClass);
            assertThat(app.app().readiness().isReady()).isTrue();
            app.http().get("/setting").send().expectStatus(200);
        }
    }
}
