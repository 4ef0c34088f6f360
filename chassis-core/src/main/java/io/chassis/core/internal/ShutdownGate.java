package io.chassis.core.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Answers requests that arrive on a kept-alive connection after shutdown began with a 503 problem
 * and {@code Connection: close}, instead of the bare 503 of Undertow's graceful-shutdown handler.
 */
final class ShutdownGate implements HttpHandler {

    private final HttpHandler next;
    private final ProblemWriter problems;
    private volatile boolean closed;

    ShutdownGate(HttpHandler next, ProblemWriter problems) {
        this.next = next;
        this.problems = problems;
    }

    /** From now on every new request is refused. */
    void close() {
        closed = true;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (closed) {
            exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
            problems.send(
                    exchange, 503, "Service Unavailable", "The service is shutting down. Retry on another instance.");
            return;
        }
        next.handleRequest(exchange);
    }
}
