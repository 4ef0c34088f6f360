package io.chassis.examples.currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged service ({@code java -jar target/currency-service.jar}) in a child JVM on
 * ephemeral loopback ports, read back from its started line; stdout is collected line by line.
 */
final class PackagedService implements CurrencyEndpoint {

    static final Path JAR = Path.of("target", "currency-service.jar");

    /**
     * Where the started line carries the gRPC port: core logs {@code http_port} and {@code
     * admin_port}, and every module listener's port next to them as {@code <name>_port}.
     */
    static final String GRPC_PORT_FIELD = "grpc_port";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile IOException readFailure;
    private JsonNode started;
    private JsonNode grpc;

    private PackagedService(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "currency-service-stdout");
        reader.start();
    }

    /**
     * Starts the jar with every port 0 on 127.0.0.1 and no drain delay, and waits for its started
     * line.
     *
     * @param workDir receives the child's stderr
     */
    static PackagedService start(Path workDir) throws IOException {
        return start(workDir, List.of(), Map.of());
    }

    /**
     * Starts the jar as {@link #start(Path)} does, with more on its class path (modules a deployment
     * adds beside the jar, found by ServiceLoader) and more environment (e.g. {@code CHASSIS_CONFIG}).
     */
    static PackagedService start(Path workDir, List<Path> besideTheJar, Map<String, String> environment)
            throws IOException {
        assertThat(JAR)
                .as("the packaged service; 'mvn verify' packages it before the *IT run")
                .exists();
        Path stderr = workDir.resolve("currency-service-stderr.txt");
        String javaCommand =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaCommand));
        if (besideTheJar.isEmpty()) {
            command.addAll(List.of("-jar", JAR.toString()));
        } else {
            StringBuilder classPath = new StringBuilder(JAR.toString());
            besideTheJar.forEach(
                    p -> classPath.append(java.io.File.pathSeparator).append(p));
            command.addAll(List.of("-cp", classPath.toString(), CurrencyService.class.getName()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        // Nothing of the test's own environment may configure the child.
        builder.environment().keySet().removeIf(key -> key.startsWith("CHASSIS_") || key.equals("PORT"));
        for (String listener : List.of("HTTP", "ADMIN", "GRPC")) {
            builder.environment().put("CHASSIS_" + listener + "_PORT", "0");
            builder.environment().put("CHASSIS_" + listener + "_HOST", "127.0.0.1");
        }
        builder.environment().put("CHASSIS_SHUTDOWN_DRAIN_DELAY", "0s");
        builder.environment().putAll(environment);
        PackagedService service = new PackagedService(builder.start(), stderr);
        try {
            // chassis-grpc logs its port when it opens it, before core's started line
            service.grpc = JSON.readTree(service.awaitLine(line -> line.contains("\"gRPC port ")));
            service.started = JSON.readTree(service.awaitLine(line -> line.contains(" started in ")));
        } catch (RuntimeException | IOException e) {
            service.kill();
            throw e;
        }
        assertThat(service.grpc.path(GRPC_PORT_FIELD).isInt())
                .as("the gRPC line has %s: %s", GRPC_PORT_FIELD, service.grpc)
                .isTrue();
        return service;
    }

    /** @return the started line, parsed */
    JsonNode startedLine() {
        return started;
    }

    @Override
    public int grpcPort() {
        return grpc.path(GRPC_PORT_FIELD).asInt();
    }

    int httpPort() {
        return started.path("http_port").asInt();
    }

    int adminPort() {
        return started.path("admin_port").asInt();
    }

    /** Waits (up to 60s) for a stdout line that matches, and returns it. */
    String awaitLine(Predicate<String> matching) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .failFast("the service exited; stderr: " + stderrText(), () -> !process.isAlive())
                .until(() -> lines.stream().anyMatch(matching));
        return lines.stream().filter(matching).findFirst().orElseThrow();
    }

    /** Sends SIGTERM, waits for the JVM to exit, and returns everything it wrote to stdout. */
    List<String> terminate() throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close our end of stdout at once.
        process.toHandle().destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the service exits after SIGTERM")
                .isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(readFailure).as("reading stdout").isNull();
        return List.copyOf(lines);
    }

    /** Kills the child if a test failed before {@link #terminate()}. */
    void kill() {
        process.destroyForcibly();
    }

    @Override
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            readFailure = e;
        }
    }

    String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
