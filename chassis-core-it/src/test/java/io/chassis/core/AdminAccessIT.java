package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigProblemsException;
import io.chassis.testing.TestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who the admin endpoints answer. 127.0.0.2 is a caller outside the default trusted networks
 * (127.0.0.1/32, ::1/128); on Linux it is on {@code lo}, so a socket bound to it reaches the
 * loopback-bound admin port.
 */
class AdminAccessIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "s3cret-admin-token-0123456789";
    static final String OUTSIDE = "127.0.0.2";

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").discoverModules(false).configure(a -> {
            a.admin().get("/state", ctx -> "state");
            a.admin().open().get("/ping", ctx -> "pong").get("/ping2", ctx -> "pong");
        });
    }

    static ChassisBuilder withToken() {
        return service().configOverride("chassis.admin.token", TOKEN);
    }

    @Test
    void configWithoutTokenIsRefused401ProblemAskingForBearer() throws Exception {
        try (TestService s = TestService.start(withToken())) {
            RawHttp.Response response = get(s, "/config", null);

            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(response.headers())
                    .containsEntry("content-type", "application/problem+json")
                    .containsEntry("www-authenticate", "Bearer realm=\"admin\"")
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("cache-control", "no-store");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("entries");
        }
    }

    @Test
    void configWithTheTokenIsServed() throws Exception {
        try (TestService s = TestService.start(withToken())) {
            RawHttp.Response response = get(s, "/config", "Bearer " + TOKEN);

            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(JSON.readTree(response.body()).has("entries")).isTrue();
            assertThat(response.body()).doesNotContain(TOKEN); // the token is a secret: masked
            assertThat(response.headers())
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("cache-control", "no-store");
        }
    }

    @Test
    void aWrongTokenLooksTheSameAsAMissingOne() throws Exception {
        try (TestService s = TestService.start(withToken())) {
            RawHttp.Response missing = get(s, "/config", null);
            RawHttp.Response wrong = get(s, "/config", "Bearer " + TOKEN + "x");
            RawHttp.Response otherScheme = get(s, "/config", "Basic " + TOKEN);

            assertThat(wrong.statusLine()).isEqualTo(missing.statusLine());
            assertThat(otherScheme.statusLine()).isEqualTo(missing.statusLine());
            assertThat(wrong.headers().get("www-authenticate"))
                    .isEqualTo(missing.headers().get("www-authenticate"));
            assertThat(detail(wrong)).isEqualTo(detail(missing));
        }
    }

    @Test
    void withATokenConfiguredLoopbackNeedsItToo() throws Exception {
        try (TestService s = TestService.start(withToken())) {
            s.admin().get("/config").send().expectStatus(401);
            s.admin()
                    .get("/config")
                    .header("Authorization", "Bearer " + TOKEN)
                    .send()
                    .expectStatus(200);
        }
    }

    @Test
    void probesMetricsAndInfoAreOpenToEveryCaller() throws Exception {
        try (TestService s = TestService.start(withToken())) {
            assertThat(get(s, "/info", null).statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(get(s, "/metrics", null).statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(get(s, "/ping", null).statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(get(s, "/ping2", null).statusLine()).isEqualTo("HTTP/1.1 200 OK"); // chained: still open
        }
    }

    @Test
    void anEndpointAddedWithoutSayingIsProtected() throws Exception {
        try (TestService s = TestService.start(withToken())) {
            assertThat(get(s, "/state", null).statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(get(s, "/state", "Bearer " + TOKEN).statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void withoutTokenTrustedLoopbackIsServed() {
        try (TestService s = TestService.start(service())) {
            s.admin().get("/config").send().expectStatus(200);
            s.admin().get("/state").send().expectStatus(200);
        }
    }

    @Test
    void withoutTokenAnUntrustedCallerIsRefused403AndOpenEndpointsStillAnswer() throws Exception {
        try (TestService s = TestService.start(service())) {
            RawHttp.Response refused = get(s, "/config", "Bearer anything-at-all-here");

            assertThat(refused.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
            assertThat(refused.headers()).containsEntry("content-type", "application/problem+json");
            assertThat(detail(refused)).contains("chassis.admin.trusted-networks");
            assertThat(get(s, "/info", null).statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void trustedNetworksAreConfigurable() throws Exception {
        try (TestService s = TestService.start(
                service().configOverride("chassis.admin.trusted-networks", java.util.List.of("127.0.0.0/30")))) {
            assertThat(get(s, "/config", null).statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void configCanMakeAProtectedEndpointOpenAndAnOpenOneProtected() throws Exception {
        try (TestService s = TestService.start(withToken()
                .configOverride("chassis.admin.endpoints.\"/config\"", "open")
                .configOverride("chassis.admin.endpoints.\"/info\"", "protected"))) {
            assertThat(get(s, "/config", null).statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(get(s, "/info", null).statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    @Test
    void anUnknownEndpointInConfigIsAStartupProblemNamingTheKey() {
        assertThatThrownBy(() ->
                        TestService.start(service().configOverride("chassis.admin.endpoints.\"/confgi\"", "open")))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.admin.endpoints.\"/confgi\"")
                .hasMessageContaining("/config");
    }

    @Test
    void badTrustedNetworksAndShortTokensAreStartupProblems() {
        assertThatThrownBy(() -> TestService.start(service()
                        .configOverride("chassis.admin.trusted-networks", java.util.List.of("localhost", "10.0.0.0/33"))
                        .configOverride("chassis.admin.token", "short")))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("chassis.admin.trusted-networks[0]")
                .hasMessageContaining("chassis.admin.trusted-networks[1]")
                .hasMessageContaining("chassis.admin.token must be at least 16 characters")
                .message()
                .doesNotContain("'short'");
    }

    @Test
    void aRotatedTokenFileIsInForceAfterTheReload(@TempDir Path temp) throws Exception {
        Path secret = Files.writeString(temp.resolve("admin-token"), TOKEN + "\n");
        Path file = Files.writeString(
                temp.resolve("app.yaml"), "chassis:\n  admin:\n    token: \"${file:" + secret + "}\"\n");
        String rotated = "rotated-admin-token-9876543210";
        try (TestService s = TestService.start(service()
                .configLoader(ChassisConfig.loader()
                        .environment(Map.of(
                                "CHASSIS_CONFIG", file.toString(),
                                "CHASSIS_CONFIG_RELOAD_ENABLED", "true",
                                "CHASSIS_CONFIG_RELOAD_INTERVAL", "50ms"))))) {
            assertThat(get(s, "/config", "Bearer " + TOKEN).statusLine()).isEqualTo("HTTP/1.1 200 OK");

            Path next = Files.writeString(temp.resolve("admin-token.next"), rotated + "\n");
            Files.move(next, secret, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            get(s, "/config", "Bearer " + rotated).statusLine().equals("HTTP/1.1 200 OK"));
            assertThat(get(s, "/config", "Bearer " + TOKEN).statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    private static RawHttp.Response get(TestService s, String path, String authorization) throws Exception {
        String auth = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
        return RawHttp.exchangeFrom(
                OUTSIDE,
                s.app().adminPort(),
                "GET " + path + " HTTP/1.1\r\nHost: admin\r\n" + auth + "Connection: close\r\n\r\n");
    }

    private static String detail(RawHttp.Response response) throws Exception {
        return JSON.readTree(response.body()).get("detail").asText();
    }
}
