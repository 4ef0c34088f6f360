package io.chassis.health.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

/** UP when a TCP connection to host:port can be opened within the timeout. */
public record TcpCheck(String host, int port, Duration timeout) implements HealthCheck {

    @Override
    public HealthResult check() {
        Map<String, Object> details = Map.of("host", host, "port", port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return HealthResult.up(details);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new HealthResult(HealthStatus.DOWN, "cannot connect to " + host + ":" + port + ": " + why, details);
        }
    }
}
