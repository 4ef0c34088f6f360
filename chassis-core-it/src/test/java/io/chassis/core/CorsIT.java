package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblemsException;
import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CorsIT {

    static final String ALLOWED = "https://app.example.com";
    static final String OTHER = "https://evil.example.org";
    static final AtomicInteger CALLS = new AtomicInteger();

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(() -> Chassis.builder()
                    .name("test-service")
                    .discoverModules(false)
                    .configure(a -> a.http()
                            .get("/items/{id}", ctx -> {
                                CALLS.incrementAndGet();
                                return Map.of("id", ctx.pathParam("id"));
                            })
                            .add("OPTIONS", "/items/{id}", ctx -> {
                                CALLS.incrementAndGet();
                                return "handler";
                            })))
            .withConfig("chassis.http.cors.enabled", true)
            .withConfig("chassis.http.cors.allowed-origins", List.of(ALLOWED, "http://localhost:3000"))
            .withConfig("chassis.http.cors.allow-credentials", true)
            .withConfig("chassis.http.cors.exposed-headers", List.of("X-Request-Id"));

    @Test
    void preflightFromAnAllowedOriginIsAnsweredWithoutReachingTheHandler() {
        int before = CALLS.get();

        TestResponse response = preflight("/items/7", ALLOWED).send();

        response.expectStatus(204)
                .expectHeader("Access-Control-Allow-Origin", ALLOWED)
                .expectHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE")
                .expectHeader("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, X-Request-Id")
                .expectHeader("Access-Control-Allow-Credentials", "true")
                .expectHeader("Access-Control-Max-Age", "600");
        assertThat(response.headers("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
        assertThat(response.header("X-Request-Id")).isPresent();
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void preflightFromADisallowedOriginGetsNoCorsHeadersAndNeverReachesTheHandler() {
        int before = CALLS.get();

        TestResponse response = preflight("/items/7", OTHER).send();

        response.expectStatus(204)
                .expectNoHeader("Access-Control-Allow-Origin")
                .expectNoHeader("Access-Control-Allow-Methods")
                .expectNoHeader("Access-Control-Allow-Credentials");
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void preflightOnAPathNoRouteHasIsTheRouters404() {
        preflight("/nothing-here", ALLOWED)
                .send()
                .expectStatus(404)
                .expectContentType("application/problem+json")
                .expectNoHeader("Access-Control-Allow-Origin");
    }

    @Test
    void anActualRequestFromAnAllowedOriginGetsTheOriginCredentialsAndExposedHeaders() {
        TestResponse response =
                app.http().get("/items/3").header("Origin", ALLOWED).send();

        response.expectStatus(200)
                .expectJson("/id", "3")
                .expectHeader("Access-Control-Allow-Origin", ALLOWED)
                .expectHeader("Access-Control-Allow-Credentials", "true")
                .expectHeader("Access-Control-Expose-Headers", "X-Request-Id")
                .expectHeader("Vary", "Origin");
    }

    @Test
    void anActualRequestFromADisallowedOriginGetsTheNormalResponseWithoutCorsHeaders() {
        TestResponse response =
                app.http().get("/items/3").header("Origin", OTHER).send();

        response.expectStatus(200)
                .expectJson("/id", "3")
                .expectNoHeader("Access-Control-Allow-Origin")
                .expectNoHeader("Access-Control-Allow-Credentials")
                .expectNoHeader("Access-Control-Expose-Headers");
    }

    @Test
    void aRequestWithoutOriginGetsNoCorsHeaders() {
        app.http()
                .get("/items/3")
                .send()
                .expectStatus(200)
                .expectNoHeader("Access-Control-Allow-Origin")
                .expectNoHeader("Vary");
    }

    @Test
    void anOptionsRequestThatIsNoPreflightReachesItsRoute() {
        int before = CALLS.get();

        app.http()
                .request("OPTIONS", "/items/3")
                .header("Origin", ALLOWED)
                .send()
                .expectStatus(200);

        assertThat(CALLS.get()).isEqualTo(before + 1);
    }

    @Test
    void withCorsOffAPreflightIsAnOrdinaryRequest() {
        try (TestService off = TestService.start(
                Chassis.builder().name("test-service").discoverModules(false).configure(a -> a.http()
                        .get("/items", ctx -> "x")))) {
            off.http()
                    .request("OPTIONS", "/items")
                    .header("Origin", ALLOWED)
                    .header("Access-Control-Request-Method", "GET")
                    .send()
                    .expectStatus(405)
                    .expectNoHeader("Access-Control-Allow-Origin");
        }
    }

    @Test
    void anyOriginWithCredentialsAndMalformedOriginsAreStartupProblems() {
        assertThatThrownBy(() -> TestService.start(Chassis.builder()
                        .name("test-service")
                        .discoverModules(false)
                        .configOverride("chassis.http.cors.enabled", true)
                        .configOverride("chassis.http.cors.allow-credentials", true)
                        .configOverride(
                                "chassis.http.cors.allowed-origins",
                                List.of("*", "https://app.example.com/", "HTTPS://X.COM", "app.example.com"))))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.http.cors.allowed-origins must list the origins by name")
                .hasMessageContaining("chassis.http.cors.allowed-origins[1]")
                .hasMessageContaining("chassis.http.cors.allowed-origins[2]")
                .hasMessageContaining("chassis.http.cors.allowed-origins[3]");
    }

    @Test
    void anyOriginWithoutCredentialsAnswersStar() {
        try (TestService any = TestService.start(Chassis.builder()
                .name("test-service")
                .discoverModules(false)
                .configOverride("chassis.http.cors.enabled", true)
                .configOverride("chassis.http.cors.allowed-origins", List.of("*"))
                .configure(a -> a.http().get("/items", ctx -> "x")))) {
            any.http()
                    .get("/items")
                    .header("Origin", OTHER)
                    .send()
                    .expectStatus(200)
                    .expectHeader("Access-Control-Allow-Origin", "*")
                    .expectNoHeader("Access-Control-Allow-Credentials");
        }
    }

    private static io.chassis.testing.TestRequest preflight(String path, String origin) {
        return app.http()
                .request("OPTIONS", path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type");
    }
}
