package io.chassis.security;

import static io.chassis.security.Bearer.ISSUER_PATH;
import static io.chassis.security.JwtAuthenticationIT.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.chassis.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issuers with static keys: PEM and JWK, inline and in files, and HMAC secrets; no JWKS anywhere. */
class StaticKeysIT {

    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    static String pem(RSAKey key) throws Exception {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void aPemKeyInAFileVerifiesTokensWhateverTheirKid() throws Exception {
        RSAKey rsa = Tokens.rsa("issued-kid");
        Path file = Files.writeString(dir.resolve("issuer.pem"), pem(rsa));

        try (Bearer bearer =
                Bearer.start(Bearer.builder(clock).configOverride(ISSUER_PATH + "keys", List.of(file.toString())))) {

            assertThat(bearer.authenticate(Tokens.sign(rsa, Tokens.claims(clock).build())))
                    .isPresent();
            assertThat(bearer.authenticate(
                            Tokens.sign(rsa, null, Tokens.claims(clock).build())))
                    .isPresent();
            assertRejected(
                    () -> bearer.authenticate(Tokens.sign(
                            Tokens.rsa("issued-kid"), Tokens.claims(clock).build())),
                    "signature invalid");
        }
    }

    @Test
    void inlineJwksWithKidsVerifyOnlyTheTokensNamingThem() throws Exception {
        RSAKey rsa = Tokens.rsa("rsa-1");
        ECKey ec = Tokens.ec("ec-1");

        try (Bearer bearer = Bearer.start(Bearer.builder(clock)
                .configOverride(
                        ISSUER_PATH + "keys",
                        List.of(
                                rsa.toPublicJWK().toJSONString(),
                                ec.toPublicJWK().toJSONString())))) {

            assertThat(bearer.authenticate(Tokens.sign(ec, Tokens.claims(clock).build())))
                    .isPresent();
            assertThat(bearer.authenticate(Tokens.sign(rsa, Tokens.claims(clock).build())))
                    .isPresent();
            assertRejected(
                    () -> bearer.authenticate(
                            Tokens.sign(rsa, "rsa-9", Tokens.claims(clock).build())),
                    "signing key not found");
        }
    }

    @Test
    void anHmacIssuerVerifiesHs256AndRefusesEveryPublicKeyAlgorithm() throws Exception {
        OctetSequenceKey secret =
                new OctetSequenceKeyGenerator(256).keyID("hmac-1").generate();
        Path file = Files.writeString(dir.resolve("secret.json"), secret.toJSONString());
        SignedJWT hs = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("hmac-1").build(),
                Tokens.claims(clock).build());
        hs.sign(new MACSigner(secret));

        try (Bearer bearer = Bearer.start(Bearer.builder(clock)
                .configOverride(ISSUER_PATH + "algorithms", List.of("HS256"))
                .configOverride(ISSUER_PATH + "keys", List.of(file.toString())))) {

            assertThat(bearer.authenticate(hs.serialize())).isPresent();
            assertRejected(
                    () -> bearer.authenticate(Tokens.sign(
                            Tokens.rsa("hmac-1"), Tokens.claims(clock).build())),
                    "algorithm not allowed");
        }
    }
}
