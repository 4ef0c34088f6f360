package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.security.Principal;
import io.chassis.testing.TestKeys;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * chassis.access on HTTP routes, with the test kit's API-key scheme plugged in through the
 * Authenticator SPI the way an in-house scheme would be.
 */
class AccessRulesIT {

    /** Keys: alice reads orders, bob has no scopes, carol is an admin; anything else is rejected. */
    static TestKeys keys() {
        return TestKeys.inHeader("X-Api-Key")
                .key("key-alice", "alice", Set.of("orders.read"), Set.of())
                .key("key-bob", "bob", Set.of(), Set.of())
                .key("key-carol", "carol", Set.of(), Set.of("admin"));
    }

    final AtomicInteger handled = new AtomicInteger();
    final Logger accessLogger = (Logger) LoggerFactory.getLogger("chassis.access");
    final CapturedLines accessLines = new CapturedLines();

    @BeforeEach
    void attach() {
        accessLines.start();
        accessLogger.addAppender(accessLines);
    }

    @AfterEach
    void detach() {
        accessLogger.detachAppender(accessLines);
    }

    ChassisBuilder service(Map<String, Object> rules) {
        return Chassis.builder()
                .name("access-test")
                .discoverModules(false)
                .module(keys())
                .configOverride("chassis.access.rules", rules)
                .configure(app -> app.http()
                        .get("/orders/{id}", ctx -> {
                            handled.incrementAndGet();
                            return Map.of(
                                    "id", ctx.pathParam("id"),
                                    "caller",
                                            ctx.principal()
                                                    .map(Principal::subject)
                                                    .orElse("nobody"));
                        })
                        .post("/orders", ctx -> {
                            handled.incrementAndGet();
                            return ctx.status(201).body(Map.class);
                        })
                        .get("/catalog", ctx -> {
                            handled.incrementAndGet();
                            return Map.of(
                                    "caller",
                                    ctx.principal().map(Principal::subject).orElse("nobody"));
                        })
                        .get("/admin/users", ctx -> "users")
                        .get("/admin/status", ctx -> "fine"));
    }

    static Map<String, Object> rules(Object... keysAndValues) {
        Map<String, Object> rules = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            // quoted: overrides in code are read as paths, as -D values are
            rules.put("\"" + keysAndValues[i] + "\"", keysAndValues[i + 1]);
        }
        return rules;
    }

    @Test
    void withAnAuthenticatorPresentARouteNoRuleNamesNeedsCredentials() throws Exception {
        try (TestService service = TestService.start(service(rules()))) {
            TestResponse response = service.http().get("/catalog").send();

            response.expectStatus(401)
                    .expectContentType("application/problem+json")
                    .expectHeader("WWW-Authenticate", "ApiKey")
                    .expectJson("/status", 401)
                    .expectBodyContains("needs authentication");
            assertThat(handled).hasValue(0);
            service.http()
                    .get("/catalog")
                    .header("X-Api-Key", "key-bob")
                    .send()
                    .expectStatus(200)
                    .expectJson("/caller", "bob");
        }
    }

    @Test
    void aPublicRouteRunsWithoutCredentialsAndWithoutAPrincipal() throws Exception {
        try (TestService service = TestService.start(service(rules("GET /catalog", "public")))) {
            service.http().get("/catalog").send().expectStatus(200).expectJson("/caller", "nobody");
            // public means nothing is checked: not even a bad key is looked at
            service.http().get("/catalog").header("X-Api-Key", "revoked").send().expectStatus(200);
        }
    }

    @Test
    void invalidCredentialsAre401WithTheSchemesErrorInTheChallengeAndTheHandlerNeverRuns() throws Exception {
        try (TestService service = TestService.start(service(rules()))) {
            TestResponse response = service.http()
                    .post("/orders")
                    .header("X-Api-Key", "revoked")
                    .json("{\"item\":\"book\"}")
                    .send();

            response.expectStatus(401)
                    .expectHeader(
                            "WWW-Authenticate",
                            "ApiKey error=\"invalid_token\", error_description=\"the API key is not known\"")
                    .expectJson("/detail", "the API key is not known");
            assertThat(response.json().get("requestId").asText()).isNotBlank();
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aMissingScopeIs403NamingTheScopeAndTheRightScopeGetsIn() throws Exception {
        try (TestService service = TestService.start(
                service(rules("GET /orders/{id}", Map.of("scopes", java.util.List.of("orders.read")))))) {
            service.http()
                    .get("/orders/7")
                    .header("X-Api-Key", "key-bob")
                    .send()
                    .expectStatus(403)
                    .expectContentType("application/problem+json")
                    .expectHeader("WWW-Authenticate", "ApiKey error=\"insufficient_scope\", scope=\"orders.read\"")
                    .expectBodyContains("orders.read");
            service.http()
                    .get("/orders/7")
                    .header("X-Api-Key", "key-alice")
                    .send()
                    .expectStatus(200)
                    .expectJson("/caller", "alice");
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void theMostSpecificRuleWins() throws Exception {
        try (TestService service = TestService.start(service(rules(
                "* /admin/**", Map.of("roles", java.util.List.of("admin")),
                "GET /admin/status", "public",
                "* /catalog", "public")))) {
            service.http().get("/admin/status").send().expectStatus(200);
            service.http()
                    .get("/admin/users")
                    .header("X-Api-Key", "key-alice")
                    .send()
                    .expectStatus(403)
                    .expectBodyContains("admin");
            service.http()
                    .get("/admin/users")
                    .header("X-Api-Key", "key-carol")
                    .send()
                    .expectStatus(200);
            service.http().get("/catalog").send().expectStatus(200);
            service.http().get("/orders/1").send().expectStatus(401);
        }
    }

    @Test
    void theSubjectGoesOnTheAccessLinePlainOrHashed() throws Exception {
        try (TestService service = TestService.start(service(rules()))) {
            service.http()
                    .get("/catalog")
                    .header("X-Api-Key", "key-alice")
                    .send()
                    .expectStatus(200);
        }
        try (TestService service =
                TestService.start(service(rules()).configOverride("chassis.access.subject-in-logs", "hashed"))) {
            service.http()
                    .get("/catalog")
                    .header("X-Api-Key", "key-alice")
                    .send()
                    .expectStatus(200);
        }
        assertThat(accessLines.list).hasSize(2);
        assertThat(subjectOf(accessLines.list.get(0))).isEqualTo("alice");
        assertThat(subjectOf(accessLines.list.get(1)))
                .hasSize(16)
                .isNotEqualTo("alice")
                .matches("[0-9a-f]{16}");
    }

    private static String subjectOf(ILoggingEvent line) {
        String fromMdc = line.getMDCPropertyMap().get("subject");
        if (fromMdc != null) {
            return fromMdc;
        }
        if (line.getKeyValuePairs() != null) {
            for (KeyValuePair pair : line.getKeyValuePairs()) {
                if (pair.key.equals("subject")) {
                    return String.valueOf(pair.value);
                }
            }
        }
        return null;
    }

    @Test
    void rulesThatMatchNothingOrCannotBeMetAreStartupProblemsAllAtOnce() {
        ChassisBuilder builder = Chassis.builder()
                .name("access-test")
                .discoverModules(false)
                .configOverride(
                        "chassis.access.rules",
                        rules(
                                "GET /ordres/{id}", "public",
                                "GET /orders/{id}", "authenticated",
                                "orders", "public",
                                "GET /catalog", "everyone"))
                .configure(app -> app.http().get("/orders/{id}", ctx -> "x").get("/catalog", ctx -> "y"));

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> {
                    assertThat(e.problems())
                            .extracting(ConfigProblem::path)
                            .containsExactlyInAnyOrder(
                                    "chassis.access.rules.\"GET /catalog\"",
                                    "chassis.access.rules.orders",
                                    "chassis.access.rules.\"GET /ordres/{id}\"",
                                    "chassis.access.rules.\"GET /orders/{id}\"");
                    assertThat(e.getMessage())
                            .contains("be public, authenticated, or { scopes = [..] }")
                            .contains("match an HTTP route or a gRPC method of this service")
                            .contains("be public while no authentication module is present")
                            .contains("http GET /orders/{id}");
                });
    }

    @Test
    void withoutAnAuthenticatorRoutesStayPublic() throws Exception {
        try (TestService service = TestService.start(
                Chassis.builder().name("open-service").discoverModules(false).configure(app -> app.http()
                        .get("/catalog", ctx -> "open")))) {
            service.http().get("/catalog").send().expectStatus(200).expectBody("\"open\"");
        }
    }

    @Test
    void theCallersTokenGoesOnlyToClientsThatForwardIt() throws Exception {
        try (TestService backend = TestService.start(
                        Chassis.builder().name("backend").discoverModules(false).configure(app -> app.http()
                                .get(
                                        "/seen",
                                        ctx -> Map.of(
                                                "authorization",
                                                ctx.header("Authorization").orElse("none")))));
                TestService front = TestService.start(Chassis.builder()
                        .name("front")
                        .discoverModules(false)
                        .module(TestKeys.inHeader("Authorization").key("Bearer t-alice", "alice", Set.of(), Set.of()))
                        .configOverride(
                                "chassis.clients.trusted.base-url",
                                backend.http().uri("/").toString())
                        .configOverride("chassis.clients.trusted.forward-token", true)
                        .configOverride(
                                "chassis.clients.other.base-url",
                                backend.http().uri("/").toString())
                        .configure(app -> app.http().get("/relay", ctx -> {
                            Map<?, ?> trusted =
                                    app.clients().http("trusted").get("/seen").send(Map.class);
                            Map<?, ?> other =
                                    app.clients().http("other").get("/seen").send(Map.class);
                            return Map.of("trusted", trusted.get("authorization"), "other", other.get("authorization"));
                        })))) {
            front.http()
                    .get("/relay")
                    .header("Authorization", "Bearer t-alice")
                    .send()
                    .expectStatus(200)
                    .expectJson("/trusted", "Bearer t-alice")
                    .expectJson("/other", "none");
        }
    }
}
