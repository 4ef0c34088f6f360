package io.chassis.core.internal.server;

import io.chassis.core.internal.RequestIds;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outermost application handler, and the one completion listener of every exchange. On the way
 * in it fixes the request id, sheds load beyond {@code max-concurrent-requests} (503 with {@code
 * Retry-After}, instead of queueing) and refuses requests once shutdown began (503 with {@code
 * Connection: close}); on completion it records the request timer and releases the slot.
 *
 * <p>One handler and one shared listener instead of a chain of wrappers keeps the per-request cost
 * to a few atomic operations; {@link #awaitIdle} replaces Undertow's graceful-shutdown handler.
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
    private final Object idle = new Object();
    private volatile boolean closed;

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
        if (accessLog != null) {
            accessLog.track(exchange);
        }
        if (closed) {
            exchange.setPersistent(false);
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
        try {
            if (timers != null) {
                timers.record(exchange, System.nanoTime() - exchange.getRequestStartTime());
            }
        } finally {
            if (active.decrementAndGet() == 0 && closed) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
            nextListener.proceed();
        }
    }

    private static boolean hasBody(HttpServerExchange exchange) {
        return exchange.getRequestContentLength() > 0
                || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    /** From now on every new request is refused. */
    void close() {
        closed = true;
    }

    /**
     * Waits until no request is in progress.
     *
     * @return true when idle within {@code timeout}
     * @throws InterruptedException when interrupted while waiting
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            long left;
            while (active.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return active.get() == 0;
    }
}
