package io.chassis.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chassis.core.Chassis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The server of {@code benchmarks/security.sh}: one JSON hello twice, {@code /public/hello} (an
 * access rule makes it public) and {@code /secure/hello} (the default once chassis-security is
 * there: a valid JWT bearer token needed), with metrics, request ids and the access log on. The
 * token is RS256 from an issuer with a static public key, so the ratio of the two routes' rates is
 * what verifying a token (nimbus, with chassis-security's cache of verified tokens) and the access
 * rules cost; wrk sends the same Authorization header to both.
 *
 * <p>Usage: {@code SecuredVsPublic keys <dir>} writes {@code issuer-key.pem} and {@code token} (valid
 * for a day) into dir and exits; {@code SecuredVsPublic <dir>} serves with that key, ports from
 * {@code -Dchassis.http.port} etc.
 */
public final class SecuredVsPublic {

    static final String ISSUER = "https://issuer.bench/";
    static final String AUDIENCE = "bench";

    private SecuredVsPublic() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("keys")) {
            keys(Path.of(args[1]));
            return;
        }
        Path dir = Path.of(args[0]);
        String issuer = "chassis.security.jwt.issuers.bench.";
        Chassis.builder()
                .name("security-bench")
                .version("1")
                .configOverride("chassis.tracing.enabled", false)
                .configOverride("chassis.shutdown.drain-delay", "0s")
                .configOverride(issuer + "issuer", ISSUER)
                .configOverride(issuer + "audiences", List.of(AUDIENCE))
                .configOverride(issuer + "algorithms", List.of("RS256"))
                .configOverride(
                        issuer + "keys", List.of(dir.resolve("issuer-key.pem").toString()))
                .configOverride("chassis.access.rules", Map.of("\"GET /public/hello\"", "public"))
                .configure(app -> app.http()
                        .get("/public/hello", ctx -> Map.of("message", "hello"))
                        .get("/secure/hello", ctx -> Map.of("message", "hello")))
                .start();
    }

    private static void keys(Path dir) throws JOSEException, IOException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(key.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("issuer-key.pem"), pem);
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience(AUDIENCE)
                        .subject("load-generator")
                        .claim("scope", "hello:read")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(1))))
                        .build());
        token.sign(new RSASSASigner(key));
        Files.writeString(dir.resolve("token"), token.serialize());
    }
}
