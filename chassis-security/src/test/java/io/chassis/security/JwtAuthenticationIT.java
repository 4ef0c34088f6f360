package io.chassis.security;

import static io.chassis.security.Bearer.ISSUER_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.chassis.core.security.Principal;
import io.chassis.core.spi.Authenticator.Rejected;
import io.chassis.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens checked by the authenticator the module registered in a real service, against the
 * keys of a real JWKS endpoint on loopback; every token is signed at test time.
 */
class JwtAuthenticationIT {

    private final TestClock clock = new TestClock();
    private final RSAKey rsa = Tokens.rsa("rsa-1");
    private final ECKey ec = Tokens.ec("ec-1");
    private JwksServer jwks;
    private Bearer bearer;

    @BeforeEach
    void start() throws Exception {
        jwks = JwksServer.start(rsa, ec);
        bearer = Bearer.start(Bearer.builder(clock).configOverride(ISSUER_PATH + "jwks-url", jwks.url()));
    }

    @AfterEach
    void stop() {
        bearer.close();
        jwks.close();
    }

    @Test
    void aValidRsaTokenGivesThePrincipalWithItsScopesRolesAndClaims() {
        String token = Tokens.sign(
                rsa, Tokens.claims(clock).claim("tenant", Map.of("id", 7)).build());

        Principal principal = bearer.authenticate(token).orElseThrow();

        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.scheme()).isEqualTo("bearer");
        assertThat(principal.issuer()).isEqualTo(Tokens.ISSUER);
        assertThat(principal.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(principal.roles()).containsExactly("clerk");
        assertThat(principal.claims())
                .containsEntry("sub", "alice")
                .containsEntry("aud", Tokens.AUDIENCE)
                .containsEntry("exp", clock.millis() / 1000 + 300)
                .containsEntry("tenant", Map.of("id", 7L));
    }

    @Test
    void aValidEcTokenIsAcceptedAndScopesMayBeAnArray() {
        String token = Tokens.sign(
                ec, Tokens.claims(clock).claim("scope", List.of("orders:read")).build());

        Principal principal = bearer.authenticate(token).orElseThrow();

        assertThat(principal.scopes()).containsExactly("orders:read");
    }

    @Test
    void noAuthorizationHeaderOrAnotherSchemeIsNoPrincipalAndNoRejection() {
        assertThat(bearer.authenticateHeader(null)).isEmpty();
        assertThat(bearer.authenticateHeader("Basic YWxpY2U6c2VjcmV0")).isEmpty();
        assertThat(bearer.authenticateHeader("Bearerish abc")).isEmpty();
    }

    @Test
    void theSchemeNameIsCaseInsensitive() {
        String token = Tokens.sign(rsa, Tokens.claims(clock).build());

        assertThat(bearer.authenticateHeader("bearer " + token)).isPresent();
    }

    @Test
    void aMalformedHeaderOrTokenIsRejected() {
        assertRejected(() -> bearer.authenticateHeader("Bearer"), "malformed bearer token");
        assertRejected(() -> bearer.authenticateHeader("Bearer a b"), "malformed bearer token");
        assertRejected(() -> bearer.authenticate("not-a-jwt"), "malformed token");
        assertRejected(() -> bearer.authenticate("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"), "malformed token");
        for (String garbage : List.of(
                "a.b.c",
                "...",
                "eyJ.eyJ.",
                "%%%.%%%.%%%",
                b64("{\"alg\":123}") + "." + b64("{}") + ".c2ln",
                b64("{\"alg\":\"RS256\",\"crit\":[\"x\"]}") + "." + b64("{\"iss\":[1]}") + ".c2ln",
                b64("[]") + "." + b64("{}") + ".c2ln")) {
            assertThatThrownBy(() -> bearer.authenticate(garbage))
                    .as(garbage)
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.error()).isEqualTo("invalid_token"));
        }
    }

    @Test
    void anExpiredTokenIsRejectedOnceTheClockSkewHasPassed() {
        String token = Tokens.sign(rsa, Tokens.claims(clock).build());

        clock.advance(Duration.ofMinutes(5).plusSeconds(20));
        assertThat(bearer.authenticate(token)).as("within the 30s clock skew").isPresent();
        clock.advance(Duration.ofSeconds(20));

        assertRejected(() -> bearer.authenticate(token), "token expired");
    }

    @Test
    void aTokenNotYetValidIsRejected() {
        String token = Tokens.sign(
                rsa,
                Tokens.claims(clock)
                        .notBeforeTime(new Date(clock.millis() + 60_000))
                        .build());

        assertRejected(() -> bearer.authenticate(token), "token not yet valid");
    }

    @Test
    void aTokenOfAnotherIssuerIsRejected() {
        String token = Tokens.sign(
                rsa, Tokens.claims(clock).issuer("https://evil.example.test/").build());

        assertRejected(() -> bearer.authenticate(token), "issuer not accepted");
    }

    @Test
    void aTokenWithoutIssuerIsRejected() {
        String token = Tokens.sign(rsa, Tokens.claims(clock).issuer(null).build());

        assertRejected(() -> bearer.authenticate(token), "issuer not accepted");
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        String token =
                Tokens.sign(rsa, Tokens.claims(clock).audience("billing-api").build());

        assertRejected(() -> bearer.authenticate(token), "audience not accepted");
    }

    @Test
    void aTokenWithoutAudienceIsRejected() {
        String token =
                Tokens.sign(rsa, Tokens.claims(clock).audience((String) null).build());

        assertRejected(() -> bearer.authenticate(token), "audience not accepted");
    }

    @Test
    void aTokenWithoutSubjectOrExpiryIsRejected() {
        String noSubject = Tokens.sign(rsa, Tokens.claims(clock).subject(null).build());
        String noExpiry =
                Tokens.sign(rsa, Tokens.claims(clock).expirationTime(null).build());

        assertRejected(() -> bearer.authenticate(noSubject), "token lacks required claims");
        assertRejected(() -> bearer.authenticate(noExpiry), "token lacks required claims");
    }

    @Test
    void anUnsecuredTokenWithAlgNoneIsRejected() {
        String token = new PlainJWT(Tokens.claims(clock).build()).serialize();

        assertThat(token).endsWith(".");
        assertRejected(() -> bearer.authenticate(token), "algorithm not allowed");
    }

    @Test
    void anHs256TokenSignedWithTheRsaPublicKeyAsTheSecretIsRejected() throws Exception {
        // the classic algorithm-confusion attack: the public key is public, so anyone can "sign" this way
        byte[] der = rsa.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(der, pem.getBytes(StandardCharsets.US_ASCII))) {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                    Tokens.claims(clock).build());
            jwt.sign(new MACSigner(secret));

            assertRejected(() -> bearer.authenticate(jwt.serialize()), "algorithm not allowed");
        }
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAPublishedKidIsRejected() {
        RSAKey impostor = Tokens.rsa("rsa-1");
        String token = Tokens.sign(impostor, Tokens.claims(clock).build());

        assertRejected(() -> bearer.authenticate(token), "signature invalid");
    }

    @Test
    void aTokenWhoseAlgorithmIsNotAllowedIsRejected() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(),
                Tokens.claims(clock).build());
        jwt.sign(new RSASSASigner(rsa));

        assertRejected(() -> bearer.authenticate(jwt.serialize()), "algorithm not allowed");
    }

    @Test
    void aTokenOfAnotherTypeIsRejected() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("rsa-1")
                        .type(new JOSEObjectType("logout+jwt"))
                        .build(),
                Tokens.claims(clock).build());
        jwt.sign(new RSASSASigner(rsa));

        assertRejected(() -> bearer.authenticate(jwt.serialize()), "token type not accepted");
    }

    @Test
    void anAccessTokenTypedAtJwtIsAccepted() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("rsa-1")
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                Tokens.claims(clock).build());
        jwt.sign(new RSASSASigner(rsa));

        assertThat(bearer.authenticate(jwt.serialize())).isPresent();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static void assertRejected(ThrowingCallable call, String description) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.error()).isEqualTo("invalid_token");
            assertThat(r.description()).isEqualTo(description);
        });
    }
}
