package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.testing.ChassisExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * {@code /loggers} is a protected admin endpoint: with {@code chassis.admin.token} set, a caller
 * needs it. The caller is a socket bound to 127.0.0.2 (on {@code lo} on Linux), outside the trusted
 * networks.
 */
class LoggersAccessIT {

    static final String TOKEN = "loggers-it-admin-token-42";
    static final String LOGGER = "io.chassis.it.access";

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(() -> Chassis.builder().name("loggers-access-it"))
            .withConfig("chassis.admin.token", TOKEN);

    @Test
    void changingALevelWithoutTheTokenIsRefused401AndChangesNothing() throws IOException {
        String response = change(null);

        assertThat(response).startsWith("HTTP/1.1 401 ");
        assertThat(response.toLowerCase(java.util.Locale.ROOT))
                .contains("content-type: application/problem+json")
                .contains("www-authenticate: bearer")
                .contains("x-content-type-options: nosniff")
                .contains("cache-control: no-store");
        assertThat(((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(LOGGER)).getLevel())
                .isNull();
    }

    @Test
    void aWrongTokenIsRefusedTheSameWay() throws IOException {
        String wrong = change("Bearer not-the-token-at-all");

        assertThat(wrong).startsWith("HTTP/1.1 401 ");
        assertThat(((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(LOGGER)).getLevel())
                .isNull();
    }

    @Test
    void withTheTokenTheLevelChanges() throws IOException {
        String response = exchange("POST /loggers/" + LOGGER + "-changed", "Bearer " + TOKEN, "{\"level\":\"debug\"}");

        assertThat(response).startsWith("HTTP/1.1 200 ");
        assertThat(response).contains("\"configuredLevel\":\"DEBUG\"");
    }

    @Test
    void readingTheLevelsIsProtectedToo() throws IOException {
        assertThat(exchange("GET /loggers", null, null)).startsWith("HTTP/1.1 401 ");
        assertThat(exchange("GET /loggers", "Bearer " + TOKEN, null)).startsWith("HTTP/1.1 200 ");
    }

    private static String change(String authorization) throws IOException {
        return exchange("POST /loggers/" + LOGGER, authorization, "{\"level\":\"debug\"}");
    }

    /** One request from 127.0.0.2 with {@code Connection: close}; everything the server sent. */
    private static String exchange(String methodAndPath, String authorization, String json) throws IOException {
        StringBuilder request = new StringBuilder(methodAndPath).append(" HTTP/1.1\r\nHost: admin\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", app.admin().port()), 5_000);
            socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
