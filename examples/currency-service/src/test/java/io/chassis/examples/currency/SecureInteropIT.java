package io.chassis.examples.currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chassis.examples.currency.v1.CurrencyServiceGrpc;
import io.chassis.examples.currency.v1.GetRateRequest;
import io.chassis.security.SecurityModule;
import io.chassis.testing.TestCertificates;
import io.grpc.CallCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every interop call of {@link InteropIT}, from the same Python and Node clients, over TLS with a JWT
 * bearer token as call credentials: the packaged jar with chassis-security beside it on the class
 * path (found by ServiceLoader), TLS on the gRPC port and an issuer with a static RSA key from an
 * external config file, every method needing a caller (the default once an authenticator is there).
 */
class SecureInteropIT extends InteropIT {

    static final String ISSUER = "https://issuer.test/";
    static final String AUDIENCE = "currency-service";

    private TestCertificates certificates;
    private RSAKey signingKey;
    private String token;

    @Override
    CurrencyEndpoint startService(Path dir) throws Exception {
        certificates = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        TestCertificates.Pair server = certificates.server();
        signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path publicKey = Files.writeString(
                dir.resolve("issuer-key.pem"),
                TestCertificates.pem("PUBLIC KEY", signingKey.toRSAPublicKey().getEncoded()));
        token = token(Instant.now().plusSeconds(600));
        Path config = Files.writeString(
                dir.resolve("secure.yaml"),
                String.join(
                        "\n",
                        "chassis:",
                        "  grpc:",
                        "    tls:",
                        "      enabled: true",
                        "      certificate: \"" + server.certificate() + "\"",
                        "      key: \"" + server.key() + "\"",
                        "  security:",
                        "    jwt:",
                        "      issuers:",
                        "        test:",
                        "          issuer: \"" + ISSUER + "\"",
                        "          audiences: [" + AUDIENCE + "]",
                        "          keys: [\"" + publicKey + "\"]",
                        "          algorithms: [RS256]",
                        ""));
        return PackagedService.start(
                dir,
                List.of(jarOf(SecurityModule.class), jarOf(SignedJWT.class)),
                Map.of("CHASSIS_CONFIG", config.toString()));
    }

    @Override
    Map<String, String> clientEnvironment() {
        return Map.of("GRPC_CA", certificates.ca().toString(), "GRPC_TOKEN", token);
    }

    private String token(Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience(AUDIENCE)
                        .subject("interop-client")
                        .issueTime(new Date())
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private ManagedChannel channel() throws Exception {
        var tls = TlsChannelCredentials.newBuilder()
                .trustManager(certificates.ca().toFile())
                .build();
        return Grpc.newChannelBuilderForAddress("localhost", service.grpcPort(), tls)
                .build();
    }

    private static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
                applier.apply(headers);
            }
        };
    }

    @Test
    void withoutATokenOrWithAnExpiredOneACallIsUnauthenticatedAndHealthStillAnswers() throws Exception {
        ManagedChannel channel = channel();
        try {
            GetRateRequest request =
                    GetRateRequest.newBuilder().setBase("EUR").setQuote("USD").build();
            var stub = CurrencyServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);

            StatusRuntimeException none =
                    catchThrowableOfType(StatusRuntimeException.class, () -> stub.getRate(request));
            StatusRuntimeException expired =
                    catchThrowableOfType(StatusRuntimeException.class, () -> stub.withCallCredentials(
                                    bearer(token(Instant.now().minusSeconds(600))))
                            .getRate(request));

            assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(expired.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(expired.getStatus().getDescription()).isEqualTo("token expired");
            assertThat(stub.withCallCredentials(bearer(token)).getRate(request).getRate())
                    .isEqualTo("1.0823");
            assertThat(HealthGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(20, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance())
                            .getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theGatewayOnThePlainHttpPortNeedsTheTokenToo() throws Exception {
        int port = ((PackagedService) service).httpPort();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/rates/EUR/USD");

        HttpResponse<String> refused =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> admitted = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(admitted.body()).contains("\"rate\":\"1.0823\"");
    }
}
