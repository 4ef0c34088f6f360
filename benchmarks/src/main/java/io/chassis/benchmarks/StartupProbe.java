package io.chassis.benchmarks;

import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Startup-to-SERVING of a gRPC server: launches the server's command, polls its {@code
 * grpc.health.v1.Health/Check} on 127.0.0.1 over one HTTP/2 connection ({@link
 * HealthCheckConnection}) every {@code poll} ms, and prints {@code <pid> <ms>} on stdout the moment
 * the reply is a HealthCheckResponse with status SERVING, the time counted from just before the
 * launch. Then it stays the server's parent until the server exits (so {@code benchmarks/grpc.sh}
 * stops the server by its pid and waits for this process) and exits with the server's exit code.
 * The server's stdout and stderr go to the log file. Exits 1, printing why, when the port already
 * answers before the launch, when the server exits before SERVING, or after {@code timeout} ms.
 *
 * <p>Usage: {@code StartupProbe <port> <log file> <command>...}; {@code -Dprobe.poll.ms=1} and
 * {@code -Dprobe.timeout.ms=60000} change the polling; {@code -Dprobe.verbose=true} prints on
 * stderr when the port first accepted and every answer before SERVING.
 */
public final class StartupProbe {

    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: StartupProbe <port> <log file> <command>...");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        File log = new File(args[1]);
        List<String> command = Arrays.asList(args).subList(2, args.length);
        long pollMillis = Long.getLong("probe.poll.ms", 1);
        long timeoutNanos = Long.getLong("probe.timeout.ms", 60_000) * 1_000_000;
        boolean verbose = Boolean.getBoolean("probe.verbose");

        // Before the clock starts: nothing may answer on the port yet (a server left over from an
        // earlier run would be timed instead), and the classes of a SERVING reply are loaded.
        HealthCheckConnection stale;
        try {
            stale = HealthCheckConnection.open("127.0.0.1", port, 1000);
        } catch (ConnectException expected) {
            stale = null; // nothing there: good
        }
        if (stale != null) {
            stale.close();
            fail("port " + port + " already accepts connections; is an earlier server still running?");
        }
        HealthCheckConnection.status(HealthCheckConnection.lengthPrefixed(HealthCheckResponse.newBuilder()
                .setStatus(ServingStatus.SERVING)
                .build()
                .toByteArray()));

        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log));
        long launched = System.nanoTime();
        Process server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy)); // killed ourselves: take it along

        HealthCheckConnection connection = null;
        while (true) {
            long now = System.nanoTime();
            if (!server.isAlive()) {
                fail("the server exited with " + server.exitValue() + " before SERVING; its output:\n" + tail(log));
            }
            if (now - launched > timeoutNanos) {
                server.destroyForcibly();
                fail("no SERVING within " + timeoutNanos / 1_000_000 + " ms; the server's output:\n" + tail(log));
            }
            try {
                if (connection == null) {
                    connection = HealthCheckConnection.open("127.0.0.1", port, 1000);
                    if (verbose) {
                        System.err.printf("StartupProbe: connected at %.1f ms%n", (System.nanoTime() - launched) / 1e6);
                    }
                }
                ServingStatus status = connection.check();
                if (verbose) {
                    System.err.printf("StartupProbe: %s at %.1f ms%n", status, (System.nanoTime() - launched) / 1e6);
                }
                if (status == ServingStatus.SERVING) {
                    long serving = System.nanoTime();
                    // one write: the script reads the line as soon as it is complete
                    System.out.print(String.format(Locale.ROOT, "%d %.1f%n", server.pid(), (serving - launched) / 1e6));
                    System.out.flush();
                    break;
                }
            } catch (IOException notYet) { // refused while the server starts, or reset: connect again
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
            }
            Thread.sleep(pollMillis);
        }
        connection.close();
        System.exit(server.waitFor());
    }

    private static String tail(File log) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(log.getPath()));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void fail(String message) {
        System.err.println("StartupProbe: " + message);
        System.exit(1);
    }
}
