package io.chassis.security;

import static io.chassis.security.Bearer.ISSUER_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.jwk.RSAKey;
import io.chassis.core.Chassis;
import io.chassis.core.security.Principal;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * JWT bearer tokens through core's access rules over real HTTP: what a caller sees for each kind of
 * token, from outside.
 */
class BearerAccessIT {

    final TestClock clock = new TestClock();
    final AtomicInteger handled = new AtomicInteger();

    TestService start(JwksServer jwks) {
        return TestService.start(Bearer.builder(clock)
                .configOverride(ISSUER_PATH + "jwks-url", jwks.url())
                .configOverride(
                        "chassis.access.rules",
                        Map.of(
                                "\"GET /health-of-orders\"", "public",
                                "\"POST /orders\"", Map.of("scopes", List.of("orders:write")),
                                "\"DELETE /orders/{id}\"", Map.of("roles", List.of("manager"))))
                .configure(app -> app.http()
                        .get("/health-of-orders", ctx -> "fine")
                        .get("/orders/{id}", ctx -> {
                            handled.incrementAndGet();
                            return Map.of(
                                    "id", ctx.pathParam("id"),
                                    "caller",
                                            ctx.principal()
                                                    .map(Principal::subject)
                                                    .orElse("nobody"),
                                    "scopes",
                                            ctx.principal()
                                                    .map(p -> p.scopes().size())
                                                    .orElse(0));
                        })
                        .post("/orders", ctx -> {
                            handled.incrementAndGet();
                            return ctx.status(201).body(Map.class);
                        })
                        .delete("/orders/{id}", ctx -> {
                            handled.incrementAndGet();
                            return null;
                        })));
    }

    @Test
    void eachKindOfTokenGetsItsAnswer() throws Exception {
        RSAKey key = Tokens.rsa("k1");
        try (JwksServer jwks = JwksServer.start(key.toPublicJWK());
                TestService service = start(jwks)) {
            String valid = Tokens.sign(key, Tokens.claims(clock).build());

            service.http().get("/health-of-orders").send().expectStatus(200);
            service.http()
                    .get("/orders/7")
                    .send()
                    .expectStatus(401)
                    .expectContentType("application/problem+json")
                    .expectHeader("WWW-Authenticate", "Bearer");
            service.http()
                    .get("/orders/7")
                    .header("Authorization", "Bearer " + valid)
                    .send()
                    .expectStatus(200)
                    .expectJson("/caller", "alice")
                    .expectJson("/scopes", 2);
            service.http()
                    .post("/orders")
                    .header("Authorization", "Bearer " + valid)
                    .json("{\"item\":\"book\"}")
                    .send()
                    .expectStatus(201);
            // valid, but clerk is not manager
            service.http()
                    .delete("/orders/7")
                    .header("Authorization", "Bearer " + valid)
                    .send()
                    .expectStatus(403)
                    .expectBodyContains("manager");
            String readOnly = Tokens.sign(
                    key, Tokens.claims(clock).claim("scope", "orders:read").build());
            service.http()
                    .post("/orders")
                    .header("Authorization", "Bearer " + readOnly)
                    .json("{\"item\":\"book\"}")
                    .send()
                    .expectStatus(403)
                    .expectHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"orders:write\"");
            assertThat(handled).as("the two admitted calls only").hasValue(2);

            clock.advance(Duration.ofMinutes(10));
            service.http()
                    .get("/orders/7")
                    .header("Authorization", "Bearer " + valid)
                    .send()
                    .expectStatus(401)
                    .expectHeader(
                            "WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"token expired\"")
                    .expectJson("/detail", "token expired");
            service.http()
                    .get("/orders/7")
                    .header("Authorization", "Bearer not.a.token")
                    .send()
                    .expectStatus(401)
                    .expectBodyContains("malformed");
            assertThat(handled).hasValue(2);
        }
    }

    @Test
    void withTheModuleButNoIssuerTheServiceWarnsAndStaysOpen() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Chassis.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try (TestService service = TestService.start(
                Chassis.builder().name("open").configure(app -> app.http().get("/orders/{id}", ctx -> "open")))) {
            service.http().get("/orders/1").send().expectStatus(200);
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list).anySatisfy(line -> assertThat(line.getFormattedMessage())
                .contains("chassis.security.jwt.issuers")
                .contains("are public"));
    }
}
