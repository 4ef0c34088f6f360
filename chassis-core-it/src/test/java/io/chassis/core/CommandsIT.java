package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.config.ChassisConfig;
import io.chassis.testing.TestService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsIT {

    @TempDir
    Path temp;

    record Db(String url, String password) {}

    @Test
    void checkWarnsAboutASecretVariableThatReachesNoKeyTheServiceReads() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ChassisBuilder builder = Chassis.builder()
                .name("test-service")
                .discoverModules(false)
                .configLoader(ChassisConfig.loader().environment(Map.of("DB_PASSWORD", "hunter2")));

        int code = builder.execute(
                new String[] {"check"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: test-service");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Configuration has 1 warning:\n  * environment variable DB_PASSWORD: db.password is not"
                        + " read by the service")
                .doesNotContain("hunter2");
    }

    @Test
    void aSecretVariableDeclaredInAFileTheServiceBindsNeedsNoWarning() throws Exception {
        Path file = Files.writeString(temp.resolve("app.yaml"), "db:\n  url: jdbc:x\n  password: ${DB_PASSWORD}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> passwords = new ArrayList<>();
        ChassisBuilder builder = Chassis.builder()
                .name("test-service")
                .discoverModules(false)
                .configLoader(ChassisConfig.loader()
                        .environment(Map.of("CHASSIS_CONFIG", file.toString(), "DB_PASSWORD", "hunter2")))
                .configure(
                        app -> passwords.add(app.config().bind("db", Db.class).password()));

        int code =
                builder.execute(new String[] {"check"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(passwords).containsExactly("hunter2");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

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
