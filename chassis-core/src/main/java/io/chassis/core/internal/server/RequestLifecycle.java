package io.chassis.core.internal.server;

import io.chassis.core.internal.RequestIds;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.StreamConnection;

/**
 * The outermost application handler, and the one completion listener of every exchange. On the way
 * in it fixes the request id, sheds load beyond {@code max-concurrent-requests} (503 with {@code
 * Retry-After}, instead of queueing) and refuses requests once the listener is stopping (503 with
 * {@code Connection: close}); on completion it records the request timer and releases the slot. It
 * tells the listener's {@link ConnectionTracker} when a request starts and ends on a connection.
 *
 * <p>One handler and one shared listener instead of a chain of wrappers keeps the per-request cost
 * to a few atomic operations; {@link #drain} replaces Undertow's graceful-shutdown handler.
 */
final class RequestLifecycle implements HttpHandler, ExchangeCompletionListener {

    private static final HttpString RETRY_AFTER = HttpString.tryFromString("Retry-After");

    private final HttpHandler next;
    private final ProblemWriter problems;
    private final int maxConcurrent;
    private final String retryAfterSeconds;
    private final RequestTimers timers;
    private final AccessLog accessLog;
    private final AtomicInteger active = new AtomicInteger();
    private final ConnectionTracker connections = new ConnectionTracker();

    /**
     * @param timers null when metrics are off
     * @param accessLog null when the access log is off
     */
    RequestLifecycle(
            HttpHandler next,
            ProblemWriter problems,
            int maxConcurrent,
            long retryAfterSeconds,
            RequestTimers timers,
            AccessLog accessLog) {
        this.next = next;
        this.problems = problems;
        this.maxConcurrent = maxConcurrent;
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
        this.timers = timers;
        this.accessLog = accessLog;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String id = RequestIds.acceptOrGenerate(exchange.getRequestHeaders().getFirst(RequestIds.HEADER));
        exchange.putAttachment(RequestIds.KEY, id);
        exchange.getResponseHeaders().put(RequestIds.HEADER, id);
        active.incrementAndGet(); // released by exchangeEvent, whatever the outcome
        exchange.addExchangeCompleteListener(this);
        TrackedConnection connection = TrackedConnection.bind(exchange, connections);
        if (connection != null) {
            connection.requestStarted(); // ended by exchangeEvent too
        }
        if (accessLog != null) {
            accessLog.track(exchange);
        }
        if (connections.closing()) {
            // On HTTP/2 both are no-ops: Undertow's HPACK encoder drops Connection, and the stream ends alone.
            exchange.setPersistent(false);
            exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
            problems.send(
                    exchange, 503, "Service Unavailable", "The service is shutting down. Retry on another instance.");
        } else if (active.get() > maxConcurrent) {
            if (hasBody(exchange)) {
                exchange.setPersistent(false); // the body is not read: it must not be taken for the next request
            }
            exchange.getResponseHeaders().put(RETRY_AFTER, retryAfterSeconds);
            problems.send(
                    exchange,
                    503,
                    "Service Unavailable",
                    "The server is at its limit of " + maxConcurrent + " concurrent requests. Retry later.");
        } else {
            next.handleRequest(exchange);
        }
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
        long now = System.nanoTime();
        try {
            if (timers != null) {
                timers.record(exchange, now - exchange.getRequestStartTime());
            }
        } finally {
            TrackedConnection connection = TrackedConnection.of(exchange);
            if (connection != null) {
                connection.requestCompleted(exchange, now);
            }
            if (active.decrementAndGet() == 0) {
                connections.requestEnded();
            }
            nextListener.proceed();
        }
    }

    private static boolean hasBody(HttpServerExchange exchange) {
        return exchange.getRequestContentLength() > 0
                || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    /** Called by the listener for every connection it accepts, before Undertow sees it. */
    void track(StreamConnection connection) {
        connections.track(connection);
    }

    /** @return the listener's open connections */
    ConnectionTracker connections() {
        return connections;
    }

    /** @return connections of this listener open now */
    int openConnections() {
        return connections.openConnections();
    }

    /** @return requests of this listener in progress now */
    int requestsInProgress() {
        return active.get();
    }

    /**
     * Call once the listener stopped accepting: from now on every response closes its connection
     * and every new request is refused; waits until every connection closed and no request runs.
     *
     * @param quiet how long a connection must have been between requests before it is closed
     * @return true when that happened before {@code deadlineNanos}
     * @throws InterruptedException when interrupted while waiting
     */
    boolean drain(long deadlineNanos, Duration quiet) throws InterruptedException {
        return connections.drain(deadlineNanos, quiet.toNanos(), active::get);
    }
}
