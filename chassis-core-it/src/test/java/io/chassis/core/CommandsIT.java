package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.testing.TestService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandsIT {

    @Test
    void runExits1WhenThePortIsTaken() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChassisBuilder builder = TestService.onLoopback(
                            Chassis.builder().name("test-service").discoverModules(false))
                    .http(h -> h.port(taken.getLocalPort()));

            int code = builder.execute(
                    new String[] {"run"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot open the HTTP ports");
        }
    }
}
