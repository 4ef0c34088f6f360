package io.chassis.tracing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.testing.TestClient;
import io.chassis.testing.TestResponse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real Zipkin server ({@code io.zipkin:zipkin-server}, exec jar, in-memory storage) started with
 * {@code java -jar} on a free loopback port. The build copies the jar and names it in the system
 * property {@code zipkin.jar}.
 */
public final class ZipkinServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final TestClient http;

    private ZipkinServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.http = new TestClient(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** Starts Zipkin and waits until {@code /health} answers 200 (at most two minutes). */
    public static ZipkinServer start() throws IOException, InterruptedException {
        String jar = System.getProperty("zipkin.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("system property zipkin.jar must name the zipkin-server exec jar, but was '"
                    + jar + "'. Run the test through Maven (failsafe), which copies it.");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of(jar).resolveSibling("zipkin-" + port + ".log");
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-jar",
                        jar,
                        "--server.port=" + port,
                        "--armeria.ports[0].port=" + port,
                        "--armeria.ports[0].ip=127.0.0.1",
                        "--armeria.ports[0].protocols=http")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ZipkinServer server = new ZipkinServer(process, port);
        Instant deadline = Instant.now().plusSeconds(120);
        while (!server.healthy()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                server.close();
                throw new IllegalStateException("Zipkin did not start; see " + log);
            }
            Thread.sleep(200);
        }
        return server;
    }

    /** @return where spans are posted */
    public URI spansEndpoint() {
        return URI.create("http://127.0.0.1:" + port + "/api/v2/spans");
    }

    /** @return {@code GET /api/v2/trace/{id}}, or null while Zipkin does not know the trace */
    public JsonNode trace(String traceId) {
        TestResponse r = http.get("/api/v2/trace/" + traceId).send();
        return r.status() == 200 ? r.json() : null;
    }

    private boolean healthy() {
        try {
            return http.get("/health").timeout(Duration.ofSeconds(2)).send().status() == 200;
        } catch (UncheckedIOException e) {
            return false; // not listening yet
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
