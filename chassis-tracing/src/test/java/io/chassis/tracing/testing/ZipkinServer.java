package io.chassis.tracing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real Zipkin server ({@code io.zipkin:zipkin-server}, exec jar, in-memory storage) started with
 * {@code java -jar} on a free loopback port. The build copies the jar and names it in the system
 * property {@code zipkin.jar}.
 */
public final class ZipkinServer implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;

    private ZipkinServer(Process process, int port) {
        this.process = process;
        this.port = port;
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
    public JsonNode trace(String traceId) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/trace/" + traceId))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private boolean healthy() {
        try {
            HttpResponse<Void> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
