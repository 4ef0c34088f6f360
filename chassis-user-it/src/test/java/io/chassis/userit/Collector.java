package io.chassis.userit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A span collector on loopback: accepts every POST and keeps its path and body. */
final class Collector implements AutoCloseable {

    /** One received request. */
    record Post(String path, byte[] body) {}

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    Collector() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posts.add(new Post(exchange.getRequestURI().getPath(), in.readAllBytes()));
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
    }

    /** @return e.g. {@code http://127.0.0.1:1234/v1/traces} */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
