package io.chassis.tracing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A collector on loopback that accepts every POST (Zipkin JSON at {@code /api/v2/spans}, OTLP at
 * {@code /v1/traces}, Jaeger Thrift at {@code /api/traces}) and keeps the bodies.
 */
public final class SpanSink implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received request. */
    public record Post(String path, String contentType, byte[] body) {}

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    private SpanSink(HttpServer server) {
        this.server = server;
    }

    /** @return a started sink */
    public static SpanSink start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SpanSink sink = new SpanSink(server);
        server.createContext("/", exchange -> {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            try (InputStream in = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                sink.posts.add(new Post(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        in.readAllBytes()));
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        return sink;
    }

    /** @return e.g. {@code http://127.0.0.1:1234/api/v2/spans} */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** @return every POST so far */
    public List<Post> posts() {
        return List.copyOf(posts);
    }

    /** @return the Zipkin v2 spans posted so far */
    public List<JsonNode> zipkinSpans() throws IOException {
        List<JsonNode> spans = new ArrayList<>();
        for (Post post : posts) {
            if (post.path.equals("/api/v2/spans") && post.body.length > 0) {
                JSON.readTree(post.body).forEach(spans::add);
            }
        }
        return spans;
    }

    /** @return the one span with this name */
    public JsonNode span(String name) throws IOException {
        List<JsonNode> found = zipkinSpans().stream()
                .filter(s -> name.equalsIgnoreCase(s.path("name").asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one span named '" + name + "', but got " + found + " in " + zipkinSpans());
        }
        return found.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
