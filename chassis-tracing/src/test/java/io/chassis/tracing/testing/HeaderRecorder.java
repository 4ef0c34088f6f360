package io.chassis.tracing.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A downstream service on loopback that answers every request with 200 {@code {}} and keeps its
 * headers: what an outgoing call really put on the wire, untouched by any tracer.
 */
public final class HeaderRecorder implements AutoCloseable {

    /** One received request: its path and its headers, names in lower case (first value each). */
    public record Request(String path, Map<String, String> headers) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private HeaderRecorder(HttpServer server) {
        this.server = server;
    }

    /** @return a started recorder */
    public static HeaderRecorder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HeaderRecorder recorder = new HeaderRecorder(server);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            recorder.requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(headers)));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return recorder;
    }

    /** @return e.g. {@code http://127.0.0.1:1234} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return every request so far, in arrival order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
