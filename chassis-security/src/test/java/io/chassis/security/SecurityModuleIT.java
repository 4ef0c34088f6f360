package io.chassis.security;

import static io.chassis.security.Bearer.ISSUER_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import io.chassis.core.Chassis;
import io.chassis.core.spi.Authenticator;
import io.chassis.testing.TestClock;
import org.junit.jupiter.api.Test;

/** The module is found on the class path of a real service and registers its authenticator. */
class SecurityModuleIT {

    private final TestClock clock = new TestClock();

    @Test
    void aServiceWithAnIssuerHasTheBearerAuthenticatorAndFetchesTheKeysAtStart() throws Exception {
        RSAKey rsa = Tokens.rsa("rsa-1");
        try (JwksServer jwks = JwksServer.start(rsa);
                Bearer bearer =
                        Bearer.start(Bearer.builder(clock).configOverride(ISSUER_PATH + "jwks-url", jwks.url()))) {

            assertThat(bearer.authenticators())
                    .extracting(Authenticator::scheme)
                    .containsExactly("Bearer");
            org.awaitility.Awaitility.await().until(() -> jwks.fetches() == 1);
            assertThat(bearer.authenticate(Tokens.sign(rsa, Tokens.claims(clock).build())))
                    .isPresent();
            assertThat(jwks.fetches())
                    .as("the token found the keys fetched at start")
                    .isEqualTo(1);
        }
    }

    @Test
    void aServiceWithoutIssuersHasNoAuthenticator() {
        try (Bearer bearer = Bearer.start(Chassis.builder().name("open"))) {

            assertThat(bearer.authenticators()).isEmpty();
        }
    }

    @Test
    void aServiceWhoseJwksEndpointIsDownStillStarts() throws Exception {
        JwksServer jwks = JwksServer.start(Tokens.rsa("rsa-1"));
        String url = jwks.url();
        jwks.close();

        try (Bearer bearer = Bearer.start(Bearer.builder(clock).configOverride(ISSUER_PATH + "jwks-url", url))) {

            assertThat(bearer.service().app().httpPort()).isPositive();
            JwtAuthenticationIT.assertRejected(
                    () -> bearer.authenticate(Tokens.sign(
                            Tokens.rsa("rsa-1"), Tokens.claims(clock).build())),
                    "signing keys unavailable");
        }
    }
}
