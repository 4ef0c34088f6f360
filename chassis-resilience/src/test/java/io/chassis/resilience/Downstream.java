package io.chassis.resilience;

import io.chassis.testing.TestClock;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real downstream on loopback that answers 200, fails with 503, hangs, or is "slow" on command,
 * optionally after a number of 503s ({@link #failNext}).
 * Slow calls advance the test clock instead of sleeping, so slow-call rates need no real waiting.
 */
final class Downstream implements AutoCloseable {

    enum Mode {
        OK,
        UNAVAILABLE,
        HANG,
        SLOW
    }

    private final Undertow server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Queue<HttpServerExchange> hanging = new ConcurrentLinkedQueue<>();
    private final TestClock clock;
    private volatile Mode mode = Mode.OK;
    private volatile Duration slowBy = Duration.ZERO;

    Downstream(TestClock clock) {
        this.clock = clock;
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(this::handle)
                .build();
        server.start();
    }

    private void handle(HttpServerExchange exchange) {
        requests.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            unavailable(exchange);
            return;
        }
        switch (mode) {
            case OK -> ok(exchange);
            case UNAVAILABLE -> unavailable(exchange);
            case HANG -> {
                hanging.add(exchange);
                exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {}); // keeps the exchange open, no thread held
            }
            case SLOW -> {
                clock.advance(slowBy);
                ok(exchange);
            }
        }
    }

    private static void unavailable(HttpServerExchange exchange) {
        exchange.setStatusCode(503);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json");
        exchange.getResponseSender().send("{\"title\":\"Service Unavailable\",\"status\":503}");
    }

    private static void ok(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send("{\"ok\":true}");
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** The next {@code failures} requests answer 503, whatever the mode; then the mode answers. */
    void failNext(int failures) {
        failuresLeft.set(failures);
    }

    /** Every request from now on takes {@code by} on the test clock. */
    void slow(Duration by) {
        this.slowBy = by;
        this.mode = Mode.SLOW;
    }

    /** @return requests that reached this server so far */
    int requests() {
        return requests.get();
    }

    String baseUrl() {
        return "http://127.0.0.1:"
                + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        HttpServerExchange exchange;
        while ((exchange = hanging.poll()) != null) {
            org.xnio.IoUtils.safeClose(exchange.getConnection());
        }
        server.stop();
    }
}
