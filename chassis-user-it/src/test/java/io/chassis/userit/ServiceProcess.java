package io.chassis.userit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
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
import java.util.stream.Collectors;

/**
 * An outside service running in a child JVM on the class path its project resolved, with its
 * stdout collected line by line and its stderr in a file.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ServiceProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "outside-service-stdout");
        reader.start();
    }

    /**
     * Starts {@code outside.Main} of a module on ephemeral loopback ports, no drain delay.
     *
     * @param moduleDir the outside module (its target/classes and target/classpath.txt)
     * @param classpath its resolved run-time class path
     * @param config {@code -D} settings on top
     */
    static ServiceProcess start(Path moduleDir, List<Path> classpath, Map<String, String> config) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(moduleDir.resolve("target/classes").toString());
        classpath.forEach(p -> entries.add(p.toString()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, entries));
        command.add("-Dchassis.http.port=0");
        command.add("-Dchassis.admin.port=0");
        command.add("-Dchassis.http.host=127.0.0.1");
        command.add("-Dchassis.admin.host=127.0.0.1");
        command.add("-Dchassis.shutdown.drain-delay=0s");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("outside.Main");
        Path stderr = moduleDir.resolve("target/stderr.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(moduleDir.toFile()).redirectError(stderr.toFile());
        // Nothing of the test's own environment may configure the child.
        builder.environment().keySet().removeIf(key -> key.startsWith("CHASSIS_") || key.equals("PORT"));
        return new ServiceProcess(builder.start(), stderr);
    }

    /** Waits (up to 60s) for a stdout line that matches, and returns it. */
    String awaitLine(Predicate<String> matching) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .failFast("the service exited; it wrote: " + this, () -> !process.isAlive())
                .until(() -> lines.stream().anyMatch(matching));
        return lines.stream().filter(matching).findFirst().orElseThrow();
    }

    /** Sends SIGTERM and waits for the JVM to exit. */
    void terminate() throws InterruptedException {
        process.toHandle().destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the service exits after SIGTERM")
                .isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** @return everything written to stdout so far */
    List<String> stdout() {
        return List.copyOf(lines);
    }

    /** @return everything written to stderr so far */
    String stderr() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return "stdout:\n" + lines.stream().collect(Collectors.joining("\n")) + "\nstderr:\n" + stderr();
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading stdout failed: " + e + ")");
        }
    }
}
