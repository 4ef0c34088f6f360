package io.chassis.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The key selector alone (without the authenticator's early algorithm check) never hands an RSA
 * public key to an HMAC token: an HS256 token "signed" with the public key's bytes gets no key.
 */
class KeySelectionTest {

    private final RSAKey rsa = generate();

    private IssuerVerifier verifier() {
        Config config = ConfigFactory.parseMap(Map.of(
                        "chassis.security.jwt.issuers.corp.issuer", "https://id.example.test/",
                        "chassis.security.jwt.issuers.corp.audiences", List.of("orders-api"),
                        "chassis.security.jwt.issuers.corp.keys",
                                List.of(rsa.toPublicJWK().toJSONString())))
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
        Issuer issuer = Issuers.check(config).issuers().get(0);
        return new IssuerVerifier(issuer, Clock.systemUTC());
    }

    @Test
    void anHmacHeaderGetsNoKeyWhereAnRsaHeaderGetsTheRsaKey() throws Exception {
        IssuerVerifier verifier = verifier();

        List<?> forHmac = verifier.keySelector()
                .selectJWSKeys(
                        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), null);
        List<?> forRsa = verifier.keySelector()
                .selectJWSKeys(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), null);

        assertThat(forHmac).isEmpty();
        assertThat(forRsa).hasSize(1);
    }

    @Test
    void theProcessorRejectsAnHs256TokenSignedWithThePublicKeyBytes() throws Exception {
        IssuerVerifier verifier = verifier();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                new JWTClaimsSet.Builder()
                        .issuer("https://id.example.test/")
                        .audience("orders-api")
                        .subject("mallory")
                        .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .build());
        forged.sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()));

        assertThatThrownBy(() -> verifier.verify(forged))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("no matching key");
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
