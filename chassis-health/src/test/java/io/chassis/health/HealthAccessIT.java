package io.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.testing.ChassisExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The health endpoints are open admin endpoints: a probe needs no token, even when {@code
 * chassis.admin.token} protects the others. The probe is a socket bound to 127.0.0.2 (on {@code lo}
 * on Linux), outside the trusted networks.
 */
class HealthAccessIT {

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(() -> Chassis.builder().name("health-access-it"))
            .withConfig("chassis.admin.token", "health-it-admin-token-42")
            .withConfig("chassis.health.alias.path", "/healthcheck");

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/live", "/health/ready", "/health/started", "/healthcheck"})
    void aProbeWithoutTokenFromAnyAddressIsAnswered(String path) throws IOException {
        String response = get(path);

        assertThat(response).startsWith("HTTP/1.1 200 ");
        assertThat(response.toLowerCase(java.util.Locale.ROOT))
                .contains("x-content-type-options: nosniff")
                .contains("cache-control: no-store");
    }

    private static String get(String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", app.admin().port()), 5_000);
            socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
