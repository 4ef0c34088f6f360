package io.chassis.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A real JWKS endpoint on loopback: serves the public keys it is given and counts every fetch. */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<JWKSet> keys = new AtomicReference<>(new JWKSet());
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger failedFetches = new AtomicInteger();
    private final AtomicBoolean stalling = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    static JwksServer start(JWK... keys) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        JwksServer jwks = new JwksServer(http);
        jwks.serve(keys);
        http.createContext("/jwks.json", exchange -> {
            jwks.fetches.incrementAndGet();
            if (jwks.stalling.get()) {
                try {
                    jwks.closed.await(); // answers nothing until the test is over
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] body;
            int status;
            if (jwks.failing.get()) {
                jwks.failedFetches.incrementAndGet();
                status = 500;
                body = "{\"error\":\"down for maintenance\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = jwks.keys.get().toString(true).getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.setExecutor(jwks.threads);
        http.start();
        return jwks;
    }

    /** Replaces the published keys (public parts only). */
    void serve(JWK... published) {
        keys.set(new JWKSet(List.of(published)).toPublicJWKSet());
    }

    /** From now on every fetch answers 500. */
    void fail() {
        failing.set(true);
    }

    /** From now on every fetch is accepted and never answered. */
    void stall() {
        stalling.set(true);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** @return every request for the set so far, failed ones included */
    int fetches() {
        return fetches.get();
    }

    int failedFetches() {
        return failedFetches.get();
    }

    /** Stops listening: a fetch now finds the port closed. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
