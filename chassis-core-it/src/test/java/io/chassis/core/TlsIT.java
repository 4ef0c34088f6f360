package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.client.ClientException;
import io.chassis.testing.TestCertificates;
import io.chassis.testing.TestService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Real TLS handshakes on loopback, with certificates made for the test. */
class TlsIT {

    @TempDir
    Path dir;

    TestCertificates certs;

    final Logger tlsLogger = (Logger) LoggerFactory.getLogger("io.chassis.core.tls");
    final Logger accessLogger = (Logger) LoggerFactory.getLogger("chassis.access");
    final CapturedLines tlsLines = new CapturedLines();
    final CapturedLines accessLines = new CapturedLines();

    @BeforeEach
    void setUp() {
        certs = TestCertificates.in(dir);
        tlsLines.start();
        accessLines.start();
        tlsLogger.addAppender(tlsLines);
        accessLogger.addAppender(accessLines);
    }

    @AfterEach
    void tearDown() {
        tlsLogger.detachAppender(tlsLines);
        accessLogger.detachAppender(accessLines);
    }

    static ChassisBuilder service() {
        return Chassis.builder().name("tls-service").discoverModules(false);
    }

    static ChassisBuilder withTls(ChassisBuilder builder, TestCertificates.Pair pair) {
        return builder.configOverride("chassis.http.tls.enabled", true)
                .configOverride(
                        "chassis.http.tls.certificate", pair.certificate().toString())
                .configOverride("chassis.http.tls.key", pair.key().toString());
    }

    static ChassisBuilder hello(ChassisBuilder builder) {
        return builder.configure(app -> app.http().get("/hello", ctx -> Map.of("message", "hi")));
    }

    static HttpResponse<String> get(SSLContext context, HttpClient.Version version, int port, String path)
            throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().sslContext(context).version(version).build();
        return client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsWithAGoodChainAndNegotiatesHttp2ByAlpn() throws Exception {
        try (TestService service = TestService.start(hello(withTls(service(), certs.server())))) {
            int port = service.app().httpPort();

            HttpResponse<String> h2 = get(certs.clientContext(null), HttpClient.Version.HTTP_2, port, "/hello");
            HttpResponse<String> h1 = get(certs.clientContext(null), HttpClient.Version.HTTP_1_1, port, "/hello");

            assertThat(h2.statusCode()).isEqualTo(200);
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(h2.body()).contains("\"message\":\"hi\"");
            assertThat(h1.statusCode()).isEqualTo(200);
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void loadsAnEncryptedKeyWithItsPasswordAndAPkcs12Keystore() throws Exception {
        TestCertificates.Pair pair = certs.server();
        Path encrypted = certs.encryptedKey(pair, "s3cret");
        Path keystore = certs.keystore(pair, "st0re");
        ChassisBuilder pem = hello(service())
                .configOverride("chassis.http.tls.enabled", true)
                .configOverride(
                        "chassis.http.tls.certificate", pair.certificate().toString())
                .configOverride("chassis.http.tls.key", encrypted.toString())
                .configOverride("chassis.http.tls.key-password", "s3cret");
        ChassisBuilder p12 = hello(service())
                .configOverride("chassis.http.tls.enabled", true)
                .configOverride("chassis.http.tls.keystore", keystore.toString())
                .configOverride("chassis.http.tls.keystore-password", "st0re");
        try (TestService fromPem = TestService.start(pem);
                TestService fromKeystore = TestService.start(p12)) {

            HttpResponse<String> a = get(
                    certs.clientContext(null),
                    HttpClient.Version.HTTP_1_1,
                    fromPem.app().httpPort(),
                    "/hello");
            HttpResponse<String> b = get(
                    certs.clientContext(null),
                    HttpClient.Version.HTTP_1_1,
                    fromKeystore.app().httpPort(),
                    "/hello");

            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(b.statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> TestService.start(hello(service())
                        .configOverride("chassis.http.tls.enabled", true)
                        .configOverride(
                                "chassis.http.tls.certificate",
                                pair.certificate().toString())
                        .configOverride("chassis.http.tls.key", encrypted.toString())
                        .configOverride("chassis.http.tls.key-password", "wrong")
                        .configOverride("chassis.http.tls.keystore", keystore.toString())))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.http.tls.keystore must be null when certificate and key are set");
        assertThatThrownBy(() -> TestService.start(hello(service())
                        .configOverride("chassis.http.tls.enabled", true)
                        .configOverride(
                                "chassis.http.tls.certificate",
                                pair.certificate().toString())
                        .configOverride("chassis.http.tls.key", encrypted.toString())
                        .configOverride("chassis.http.tls.key-password", "wrong")))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("cannot be decrypted with key-password");
    }

    @Test
    void http2CanBeSwitchedOffOverTls() throws Exception {
        try (TestService service = TestService.start(
                hello(withTls(service(), certs.server())).configOverride("chassis.http.http2.enabled", false))) {

            HttpResponse<String> response = get(
                    certs.clientContext(null),
                    HttpClient.Version.HTTP_2,
                    service.app().httpPort(),
                    "/hello");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void aClientRefusesAnExpiredServerCertificate() {
        try (TestService service = TestService.start(hello(withTls(service(), certs.expiredServer())))) {
            int port = service.app().httpPort();

            assertThatThrownBy(() -> get(certs.clientContext(null), HttpClient.Version.HTTP_1_1, port, "/hello"))
                    .isInstanceOf(SSLException.class)
                    .hasStackTraceContaining("CertificateExpiredException");
        }
    }

    @Test
    void aClientRefusesACertificateFromAnotherCa() {
        try (TestService service = TestService.start(hello(withTls(service(), certs.wrongCaServer())))) {
            int port = service.app().httpPort();

            assertThatThrownBy(() -> get(certs.clientContext(null), HttpClient.Version.HTTP_1_1, port, "/hello"))
                    .isInstanceOf(SSLException.class);
        }
    }

    @Test
    void tls11IsRefused() throws Exception {
        try (TestService service = TestService.start(hello(withTls(service(), certs.server())))) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);

            assertThatThrownBy(() -> {
                        try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                                .createSocket("127.0.0.1", service.app().httpPort())) {
                            socket.setSoTimeout(15_000);
                            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
                            socket.startHandshake();
                        }
                    })
                    .isInstanceOf(SSLException.class);
        }
    }

    @Test
    void tls11InConfigurationIsAStartupProblem() {
        assertThatThrownBy(() -> TestService.start(hello(withTls(service(), certs.server()))
                        .configOverride("chassis.http.tls.protocols", java.util.List.of("TLSv1.3", "TLSv1.1"))))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.http.tls.protocols[1] must be TLSv1.3 or TLSv1.2")
                .hasMessageContaining("TLSv1.1");
    }

    @Test
    void aReloadIntervalUnder100msIsAStartupProblemForServersAndClients() {
        assertThatThrownBy(() -> TestService.start(hello(withTls(service(), certs.server()))
                        .configOverride("chassis.http.tls.reload-interval", "10ms")
                        .configOverride("chassis.clients.polling.base-url", "https://localhost:1")
                        .configOverride("chassis.clients.polling.tls.reload-interval", "5ms")))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.http.tls.reload-interval must be at least 100ms")
                .hasMessageContaining("chassis.clients.polling.tls.reload-interval must be at least 100ms");
    }

    @Test
    void aCipherSuiteTheJvmDoesNotKnowIsAStartupProblem() {
        assertThatThrownBy(() -> TestService.start(hello(withTls(service(), certs.server()))
                        .configOverride(
                                "chassis.http.tls.cipher-suites",
                                java.util.List.of("TLS_AES_128_GCM_SHA256", "TLS_MADE_UP_WITH_ROT13"))))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.http.tls.cipher-suites[1] must be a cipher suite this JVM supports")
                .hasMessageContaining("TLS_MADE_UP_WITH_ROT13")
                .message()
                .doesNotContain("cipher-suites[0]");
    }

    @Test
    void mtlsRequiredRefusesAClientWithoutACertificateOrFromAnotherCaAndShowsAGoodOnesSubject() throws Exception {
        ChassisBuilder builder = withTls(service(), certs.server())
                .configOverride("chassis.http.tls.client-auth", "required")
                .configOverride("chassis.http.tls.trust", certs.ca().toString())
                .configure(app -> app.http().get("/who", ctx -> {
                    X509Certificate leaf = ctx.peerCertificates().get(0);
                    return Map.of("subject", leaf.getSubjectX500Principal().getName());
                }));
        try (TestService service = TestService.start(builder)) {
            int port = service.app().httpPort();

            assertThatThrownBy(() -> get(certs.clientContext(null), HttpClient.Version.HTTP_1_1, port, "/who"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() ->
                            get(certs.clientContext(certs.wrongCaClient()), HttpClient.Version.HTTP_1_1, port, "/who"))
                    .isInstanceOf(IOException.class);
            HttpResponse<String> good =
                    get(certs.clientContext(certs.client("orders")), HttpClient.Version.HTTP_1_1, port, "/who");

            assertThat(good.statusCode()).isEqualTo(200);
            assertThat(good.body()).contains("\"subject\":\"CN=orders\"");
        }
        assertThat(accessLines.list)
                .anySatisfy(line ->
                        assertThat(pairs(line)).containsEntry("path", "/who").containsEntry("tls_peer", "CN=orders"));
    }

    @Test
    void withoutMtlsAHandlerSeesNoPeerCertificatesAndTheAccessLineHasNoTlsPeer() throws Exception {
        try (TestService service =
                TestService.start(withTls(service(), certs.server()).configure(app -> app.http()
                        .get(
                                "/who",
                                ctx -> Map.of("count", ctx.peerCertificates().size()))))) {

            HttpResponse<String> response = get(
                    certs.clientContext(certs.client("orders")),
                    HttpClient.Version.HTTP_1_1,
                    service.app().httpPort(),
                    "/who");

            assertThat(response.body()).contains("\"count\":0");
        }
        assertThat(accessLines.list)
                .anySatisfy(line ->
                        assertThat(pairs(line)).containsEntry("path", "/who").doesNotContainKey("tls_peer"));
    }

    @Test
    void rotatesWithoutRestartKeepingOpenConnectionsAndKeepsTheOldPairWhenTheNewOneIsBroken() throws Exception {
        TestCertificates.Pair first = certs.server("rotating", "first");
        ChassisBuilder builder = hello(withTls(service(), first))
                .configOverride("chassis.http.tls.reload-interval", "100ms")
                .configOverride("chassis.http.http2.enabled", false);
        try (TestService service = TestService.start(builder)) {
            int port = service.app().httpPort();
            SSLContext context = certs.clientContext(null);
            try (SSLSocket open = handshake(context, port)) {
                assertThat(peer(open)).isEqualTo("CN=first");
                assertThat(requestOn(open)).startsWith("HTTP/1.1 200");

                certs.server("rotating", "second");
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    try (SSLSocket fresh = handshake(context, port)) {
                        assertThat(peer(fresh)).isEqualTo("CN=second");
                    }
                });

                assertThat(requestOn(open)).startsWith("HTTP/1.1 200");
                assertThat(peer(open)).isEqualTo("CN=first");
            }

            // A new certificate whose key is another pair's: logged, and the pair in force stays.
            TestCertificates.Pair other = certs.server("unrelated", "third");
            Files.copy(
                    other.certificate(),
                    dir.resolve("rotating.pem"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(tlsLines.list).anySatisfy(line -> {
                        assertThat(line.getLevel()).isEqualTo(Level.WARN);
                        assertThat(line.getFormattedMessage())
                                .contains("not reloaded")
                                .contains("chassis.http.tls.key")
                                .contains("does not match the certificate CN=third");
                    }));
            try (SSLSocket fresh = handshake(context, port)) {
                assertThat(peer(fresh)).isEqualTo("CN=second");
                assertThat(requestOn(fresh)).startsWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void theTrustBundleReloadsToo() throws Exception {
        Path trust = dir.resolve("trust.pem");
        Files.copy(certs.ca(), trust);
        ChassisBuilder builder = hello(withTls(service(), certs.server()))
                .configOverride("chassis.http.tls.client-auth", "required")
                .configOverride("chassis.http.tls.trust", trust.toString())
                .configOverride("chassis.http.tls.reload-interval", "100ms");
        try (TestService service = TestService.start(builder)) {
            int port = service.app().httpPort();
            SSLContext other = certs.clientContext(certs.wrongCaClient());
            assertThatThrownBy(() -> get(other, HttpClient.Version.HTTP_1_1, port, "/hello"))
                    .isInstanceOf(IOException.class);

            Files.copy(certs.otherCa(), trust, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(get(other, HttpClient.Version.HTTP_1_1, port, "/hello")
                                    .statusCode())
                            .isEqualTo(200));
        }
    }

    @Test
    void publishesTheSecondsUntilTheCertificateExpiresOnAdminMetrics() {
        try (TestService service = TestService.start(hello(withTls(service(), certs.server())))) {

            double seconds = Scrape.value(service.admin(), "tls_certificate_expiry_seconds", "listener", "http");

            assertThat(seconds).isBetween((double) Duration.ofDays(29).toSeconds(), (double)
                    Duration.ofDays(30).toSeconds());
        }
    }

    @Test
    void theHealthContributionTurnsDegradedInsideTheWarningWindowAndOnceExpired() throws Exception {
        AtomicReference<io.chassis.core.spi.ModuleContext> context = new AtomicReference<>();
        io.chassis.core.spi.ChassisModule probe = new io.chassis.core.spi.ChassisModule() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public void configure(io.chassis.core.spi.ModuleContext c) {
                context.set(c);
            }
        };
        TestCertificates.Pair pair = certs.server();
        ChassisBuilder builder = service()
                .module(probe)
                .configOverride("chassis.http.tls.enabled", true)
                .configOverride(
                        "chassis.http.tls.certificate", pair.certificate().toString())
                .configOverride("chassis.http.tls.key", pair.key().toString())
                .configOverride("chassis.http.tls.expiry-warning", "60d")
                .configOverride("chassis.admin.tls.enabled", true)
                .configOverride(
                        "chassis.admin.tls.certificate", pair.certificate().toString())
                .configOverride("chassis.admin.tls.key", pair.key().toString())
                .configOverride("chassis.admin.tls.expiry-warning", "1d");
        try (TestService service = TestService.start(builder)) {

            var http = health(context.get(), "tls-http");
            var admin = health(context.get(), "tls-admin");

            assertThat(http.status()).isEqualTo(io.chassis.core.health.HealthStatus.DEGRADED);
            assertThat(http.message()).contains("CN=server").contains("expires at");
            assertThat(admin.status()).isEqualTo(io.chassis.core.health.HealthStatus.UP);
        }
        TestCertificates.Pair expired = certs.expiredServer();
        try (TestService service = TestService.start(withTls(service().module(probe), expired))) {

            var http = health(context.get(), "tls-http");

            assertThat(http.status()).isEqualTo(io.chassis.core.health.HealthStatus.DEGRADED);
            assertThat(http.message()).contains("expired at");
        }
        assertThat(tlsLines.list).anySatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage())
                    .contains("listener 'http'")
                    .contains("expired at")
                    .contains("chassis.http.tls.expiry-warning");
        });
    }

    private static io.chassis.core.health.HealthResult health(io.chassis.core.spi.ModuleContext context, String name)
            throws Exception {
        return context.healthContributions().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow()
                .check()
                .check();
    }

    @Test
    void servesTheAdminPortOverTls() throws Exception {
        TestCertificates.Pair pair = certs.server();
        try (TestService service = TestService.start(service()
                .configOverride("chassis.admin.tls.enabled", true)
                .configOverride(
                        "chassis.admin.tls.certificate", pair.certificate().toString())
                .configOverride("chassis.admin.tls.key", pair.key().toString()))) {

            HttpResponse<String> info = get(
                    certs.clientContext(null),
                    HttpClient.Version.HTTP_1_1,
                    service.app().adminPort(),
                    "/info");

            assertThat(info.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reportsMissingFilesAndAMismatchedKeyAtOnce() throws Exception {
        TestCertificates.Pair server = certs.server();
        TestCertificates.Pair other = certs.client("other");

        assertThatThrownBy(() -> TestService.start(service()
                        .configOverride("chassis.http.tls.enabled", true)
                        .configOverride(
                                "chassis.http.tls.certificate",
                                server.certificate().toString())
                        .configOverride("chassis.http.tls.key", other.key().toString())
                        .configOverride("chassis.admin.tls.enabled", true)
                        .configOverride(
                                "chassis.admin.tls.certificate",
                                dir.resolve("missing.pem").toString())
                        .configOverride("chassis.admin.tls.key", server.key().toString())
                        .configOverride("chassis.admin.tls.client-auth", "required")))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.http.tls.key")
                .hasMessageContaining("does not match the certificate CN=server")
                .hasMessageContaining("chassis.admin.tls.trust must be set when client-auth is required");
        assertThatThrownBy(() -> TestService.start(service()
                        .configOverride("chassis.http.tls.enabled", true)
                        .configOverride(
                                "chassis.http.tls.certificate",
                                dir.resolve("missing.pem").toString())
                        .configOverride("chassis.http.tls.key", server.key().toString())))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining(
                        "chassis.http.tls.certificate (" + dir.resolve("missing.pem") + ") does not exist");
    }

    @Test
    void aNamedClientChecksTheHostNameUnlessTurnedOffWhichIsLoud() throws Exception {
        try (TestService peer = TestService.start(hello(withTls(service(), certs.wrongHostServer())))) {
            String base = "https://127.0.0.1:" + peer.app().httpPort();
            AtomicReference<ChassisHttpClient> checking = new AtomicReference<>();
            AtomicReference<ChassisHttpClient> trusting = new AtomicReference<>();
            ChassisBuilder caller = service()
                    .configOverride("chassis.clients.checking.base-url", base)
                    .configOverride(
                            "chassis.clients.checking.tls.trust", certs.ca().toString())
                    .configOverride("chassis.clients.trusting.base-url", base)
                    .configOverride(
                            "chassis.clients.trusting.tls.trust", certs.ca().toString())
                    .configOverride("chassis.clients.trusting.tls.verify-host-name", false)
                    .configure(app -> {
                        checking.set(app.clients().http("checking"));
                        trusting.set(app.clients().http("trusting"));
                    });
            try (TestService service = TestService.start(caller)) {

                assertThatThrownBy(() -> checking.get().get("/hello").send(Map.class))
                        .isInstanceOf(ClientException.class);
                Map<String, Object> answer = trusting.get()
                        .get("/hello")
                        .send(new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});

                assertThat(answer).containsEntry("message", "hi");
            }
        }
        assertThat(tlsLines.list).anySatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).contains("Client 'trusting' does NOT verify the server's host name");
        });
        assertThat(tlsLines.list)
                .noneSatisfy(line -> assertThat(line.getFormattedMessage()).contains("'checking'"));
    }

    @Test
    void aNamedClientPresentsItsCertificateToAnMtlsServer() throws Exception {
        TestCertificates.Pair client = certs.client("caller");
        try (TestService peer = TestService.start(withTls(service(), certs.server())
                .configOverride("chassis.http.tls.client-auth", "required")
                .configOverride("chassis.http.tls.trust", certs.ca().toString())
                .configure(app -> app.http()
                        .get(
                                "/who",
                                ctx -> Map.of(
                                        "subject",
                                        ctx.peerCertificates()
                                                .get(0)
                                                .getSubjectX500Principal()
                                                .getName()))))) {
            AtomicReference<ChassisHttpClient> named = new AtomicReference<>();
            ChassisBuilder caller = service()
                    .configOverride(
                            "chassis.clients.peer.base-url",
                            "https://localhost:" + peer.app().httpPort())
                    .configOverride("chassis.clients.peer.tls.trust", certs.ca().toString())
                    .configOverride(
                            "chassis.clients.peer.tls.certificate",
                            client.certificate().toString())
                    .configOverride("chassis.clients.peer.tls.key", client.key().toString())
                    .configure(app -> named.set(app.clients().http("peer")));
            try (TestService service = TestService.start(caller)) {

                Map<String, Object> answer = named.get()
                        .get("/who")
                        .send(new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});

                assertThat(answer).containsEntry("subject", "CN=caller");
            }
        }
    }

    private static SSLSocket handshake(SSLContext context, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
        socket.startHandshake();
        return socket;
    }

    private static String peer(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                .getSubjectX500Principal()
                .getName();
    }

    /** One keep-alive request on the socket; returns the status line after reading the whole response. */
    private static String requestOn(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return head.substring(0, head.indexOf("\r\n"));
    }

    private static Map<String, Object> pairs(ILoggingEvent line) {
        Map<String, Object> kv = new java.util.HashMap<>();
        if (line.getKeyValuePairs() != null) {
            for (KeyValuePair pair : line.getKeyValuePairs()) {
                kv.put(pair.key, pair.value);
            }
        }
        return kv;
    }

    @Test
    void aProtectedAdminEndpointTakesAClientCertificateOfTheAdminTrustBundleInsteadOfATokenOrANetwork()
            throws Exception {
        TestCertificates.Pair server = certs.server();
        try (TestService service = TestService.start(service()
                .configOverride("chassis.admin.tls.enabled", true)
                .configOverride(
                        "chassis.admin.tls.certificate", server.certificate().toString())
                .configOverride("chassis.admin.tls.key", server.key().toString())
                .configOverride("chassis.admin.tls.client-auth", "optional")
                .configOverride("chassis.admin.tls.trust", certs.ca().toString())
                // no token, and no network is trusted: only a certificate opens /config
                .configOverride("chassis.admin.trusted-networks", java.util.List.of()))) {
            int port = service.app().adminPort();

            HttpResponse<String> withCertificate =
                    get(certs.clientContext(certs.client("ops")), HttpClient.Version.HTTP_1_1, port, "/config");
            HttpResponse<String> without = get(certs.clientContext(null), HttpClient.Version.HTTP_1_1, port, "/config");
            HttpResponse<String> probe = get(certs.clientContext(null), HttpClient.Version.HTTP_1_1, port, "/metrics");

            assertThat(withCertificate.statusCode()).isEqualTo(200);
            assertThat(withCertificate.body()).contains("chassis");
            assertThat(without.statusCode()).isEqualTo(403);
            assertThat(probe.statusCode()).as("probes and scrapers stay open").isEqualTo(200);
        }
    }
}
