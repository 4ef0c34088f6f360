package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged service ({@code target/hello-service.jar}) running in a child JVM on ephemeral
 * ports, with its stdout collected line by line.
 */
final class ChildService {

    private static final Path JAR = Path.of("target", "hello-service.jar");

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile IOException readFailure;

    private ChildService(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "child-stdout");
        reader.start();
    }

    /**
     * Starts the jar in {@code workDir} with ports 0 on loopback, no drain delay, and {@code env} on top.
     *
     * @param workDir receives the child's stderr
     */
    static ChildService start(Path workDir, Map<String, String> env) throws IOException {
        Path stderr = workDir.resolve("stderr.txt");
        Map<String, String> all = new HashMap<>();
        all.put("CHASSIS_HTTP_PORT", "0");
        all.put("CHASSIS_ADMIN_PORT", "0");
        all.put("CHASSIS_HTTP_HOST", "127.0.0.1");
        all.put("CHASSIS_ADMIN_HOST", "127.0.0.1");
        all.put("CHASSIS_SHUTDOWN_DRAIN_DELAY", "0s");
        all.putAll(env);
        ProcessBuilder builder = jar(workDir, all).redirectError(stderr.toFile());
        return new ChildService(builder.start(), stderr);
    }

    /** What a command of the jar ({@code check}, {@code config}) printed, and its exit code. */
    record Exit(int code, String stdout, String stderr) {}

    /**
     * Runs {@code java -jar hello-service.jar <args>} in {@code workDir} with {@code env} on top of a
     * cleaned environment (no port or host settings: these commands open no port) and waits (up to
     * 60s) for it to exit.
     */
    static Exit command(Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path stdout = workDir.resolve("command-stdout.txt");
        Path stderr = workDir.resolve("command-stderr.txt");
        ProcessBuilder builder =
                jar(workDir, env).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.command().addAll(List.of(args));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the command exits")
                .isTrue();
        return new Exit(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                withoutJdkUnsafeWarning(Files.readString(stderr, StandardCharsets.UTF_8)));
    }

    /**
     * JDK 24+ warns on stderr when logstash-logback-encoder's disruptor first touches sun.misc.Unsafe
     * (JEP 471/498); that block is the JVM's, not the service's output.
     */
    static String withoutJdkUnsafeWarning(String stderr) {
        StringBuilder kept = new StringBuilder();
        for (String line : stderr.split("\n", -1)) {
            boolean jdk = line.startsWith("WARNING: ")
                    && (line.contains("sun.misc.Unsafe")
                            || line.contains("Please consider reporting this to the maintainers"));
            if (!jdk) {
                kept.append(line).append('\n');
            }
        }
        return kept.substring(0, Math.max(0, kept.length() - 1));
    }

    private static ProcessBuilder jar(Path workDir, Map<String, String> env) {
        assertThat(JAR)
                .as("the packaged service; 'mvn verify' packages it before the *IT run")
                .exists();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toAbsolutePath().toString())
                .directory(workDir.toFile());
        // Nothing of the test's own environment may configure the child, or look like a stray secret.
        builder.environment()
                .keySet()
                .removeIf(key -> key.startsWith("CHASSIS_")
                        || key.equals("PORT")
                        || key.endsWith("_PASSWORD")
                        || key.endsWith("_SECRET")
                        || key.endsWith("_TOKEN"));
        builder.environment().putAll(env);
        return builder;
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
        // SIGTERM through the handle: Process.destroy() would also close our end of stdout at once,
        // and the lines written during shutdown are exactly what the tests want to read.
        process.toHandle().destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the service exits after SIGTERM")
                .isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(readFailure).as("reading stdout").isNull();
        return List.copyOf(lines);
    }

    /** @return the exit status of the child; call after {@link #terminate()} */
    int exitStatus() {
        return process.exitValue();
    }

    /** Kills the child if a test failed before {@link #terminate()}. */
    void kill() {
        process.destroyForcibly();
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

    private String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
