package io.chassis.security;

import static io.chassis.security.Bearer.ISSUER_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.ChassisBuilder;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every problem of chassis.security.jwt is reported at startup, all at once, naming its key. */
class JwtConfigIT {

    private static final String OTHER = "chassis.security.jwt.issuers.partner.";

    private final TestClock clock = new TestClock();

    private static ConfigProblemsException failure(ChassisBuilder builder) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOf(ConfigProblemsException.class)
                .satisfies(t -> thrown[0] = t);
        return (ConfigProblemsException) thrown[0];
    }

    @Test
    void anIssuerWithNeitherKeysNorJwksUrlIsReported() {
        ConfigProblemsException e = failure(Bearer.builder(clock));

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly(ISSUER_PATH + "jwks-url");
        assertThat(e.getMessage())
                .contains(ISSUER_PATH + "jwks-url must be set when keys is empty, but was 'null'")
                .contains("Set jwks-url to the issuer's JWK set URL, or list its public keys in keys.");
    }

    @Test
    void noneHmacWithAJwksUrlAndABadUrlAreReportedTogetherWithTheOtherIssuersProblems() {
        ChassisBuilder builder = Bearer.builder(clock)
                .configOverride(ISSUER_PATH + "jwks-url", "ftp://id.example.test/jwks")
                .configOverride(ISSUER_PATH + "algorithms", List.of("RS256", "none"))
                .configOverride(OTHER + "jwks-url", "https://partner.example.test/jwks.json")
                .configOverride(OTHER + "algorithms", List.of("HS256"))
                .configOverride(OTHER + "audiences", List.of("orders-api"));

        ConfigProblemsException e = failure(builder);

        assertThat(e.problems())
                .extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder(
                        ISSUER_PATH + "jwks-url", ISSUER_PATH + "algorithms", OTHER + "issuer", OTHER + "algorithms");
        assertThat(e.getMessage())
                .contains(ISSUER_PATH + "jwks-url must be an http or https URL, but was 'ftp://id.example.test/jwks'")
                .contains(ISSUER_PATH + "algorithms must never contain none, but was '[RS256, none]'")
                .contains(OTHER + "issuer must be set, but was 'null'")
                .contains(OTHER + "algorithms must hold no HMAC algorithm (HS256, HS384, HS512) with a jwks-url");
    }

    @Test
    void hmacMixedWithPublicKeyAlgorithmsIsReported() {
        ChassisBuilder builder = Bearer.builder(clock)
                .configOverride(
                        ISSUER_PATH + "keys",
                        List.of("{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI\"}"))
                .configOverride(ISSUER_PATH + "algorithms", List.of("HS256", "RS256"));

        ConfigProblemsException e = failure(builder);

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly(ISSUER_PATH + "algorithms");
        assertThat(e.getMessage()).contains("must not mix HMAC (HS*) with public-key algorithms");
    }

    @Test
    void unreadableOrUnusableKeysAreReportedByTheirIndex() throws Exception {
        String ecJwk = Tokens.ec("ec-1").toPublicJWK().toJSONString();
        ChassisBuilder builder = Bearer.builder(clock)
                .configOverride(ISSUER_PATH + "algorithms", List.of("RS256"))
                .configOverride(ISSUER_PATH + "keys", List.of("/no/such/key.pem", ecJwk));

        ConfigProblemsException e = failure(builder);

        assertThat(e.problems())
                .extracting(ConfigProblem::path)
                .containsExactly(ISSUER_PATH + "keys[0]", ISSUER_PATH + "keys[1]");
        assertThat(e.getMessage())
                .contains(ISSUER_PATH + "keys[0] must be PEM or JWK JSON, or a readable file holding it"
                        + " (NoSuchFileException), but was '******'")
                .contains(ISSUER_PATH + "keys[1] must hold keys that an algorithm in algorithms [RS256] verifies,"
                        + " but was '******'. It is an EC key on P-256");
    }

    @Test
    void missingAudiencesBadSkewAndInconsistentJwksTimingsAreReported() {
        ChassisBuilder builder = Bearer.builder(clock)
                .configOverride(ISSUER_PATH + "jwks-url", "https://id.example.test/jwks.json")
                .configOverride(ISSUER_PATH + "audiences", List.of())
                .configOverride(ISSUER_PATH + "clock-skew", "1h")
                .configOverride(ISSUER_PATH + "jwks.min-refresh-interval", "10m");

        ConfigProblemsException e = failure(builder);

        assertThat(e.problems())
                .extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder(
                        ISSUER_PATH + "audiences",
                        ISSUER_PATH + "clock-skew",
                        ISSUER_PATH + "jwks.min-refresh-interval");
        assertThat(e.getMessage())
                .contains(ISSUER_PATH + "jwks.min-refresh-interval must be positive and below cache-lifetime (PT5M)");
    }

    @Test
    void aMisspelledKeyIsReportedWithTheRightName() {
        ChassisBuilder builder = Bearer.builder(clock)
                .configOverride(ISSUER_PATH + "jwks-url", "https://id.example.test/jwks.json")
                .configOverride(ISSUER_PATH + "audience", List.of("x"));

        ConfigProblemsException e = failure(builder);

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly(ISSUER_PATH + "audience");
    }

    @Test
    void checkWarnsAboutAJwksUrlOverPlainHttpToAnotherHost() {
        ChassisBuilder builder = Bearer.builder(clock)
                .configOverride(ISSUER_PATH + "jwks-url", "http://id.example.test/jwks.json")
                .configOverride(OTHER + "issuer", "https://local.example.test/")
                .configOverride(OTHER + "audiences", List.of("x"))
                .configOverride(OTHER + "jwks-url", "http://127.0.0.1:8180/jwks.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = builder.execute(
                new String[] {"check"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(ISSUER_PATH + "jwks-url must use https, but was 'http://id.example.test/jwks.json'."
                        + " Keys fetched over plain http can be replaced on the way.")
                .doesNotContain(OTHER + "jwks-url");
    }

    @Test
    void twoIssuersWithTheSameIssValueAreReported() {
        ChassisBuilder builder = Bearer.builder(clock)
                .configOverride(ISSUER_PATH + "jwks-url", "https://id.example.test/jwks.json")
                .configOverride(OTHER + "issuer", Tokens.ISSUER)
                .configOverride(OTHER + "audiences", List.of("x"))
                .configOverride(OTHER + "jwks-url", "https://id.example.test/jwks.json");

        ConfigProblemsException e = failure(builder);

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly(OTHER + "issuer");
    }
}
