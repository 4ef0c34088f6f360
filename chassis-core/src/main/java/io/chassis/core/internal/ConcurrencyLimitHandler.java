package io.chassis.core.internal;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers 503 with {@code Retry-After} once {@code max} requests are in progress. Undertow's
 * RequestLimitingHandler queues the excess instead (unboundedly for a queue size of 0), which
 * turns overload into latency; shedding load early is the point here.
 */
final class ConcurrencyLimitHandler implements HttpHandler {

    private static final HttpString RETRY_AFTER = HttpString.tryFromString("Retry-After");

    private final HttpHandler next;
    private final ProblemWriter problems;
    private final int max;
    private final String retryAfterSeconds;
    private final AtomicInteger active = new AtomicInteger();
    private final ExchangeCompletionListener release = (exchange, nextListener) -> {
        active.decrementAndGet();
        nextListener.proceed();
    };

    ConcurrencyLimitHandler(HttpHandler next, ProblemWriter problems, int max, long retryAfterSeconds) {
        this.next = next;
        this.problems = problems;
        this.max = max;
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (active.incrementAndGet() > max) {
            active.decrementAndGet();
            exchange.getResponseHeaders().put(RETRY_AFTER, retryAfterSeconds);
            problems.send(
                    exchange,
                    503,
                    "Service Unavailable",
                    "The server is at its limit of " + max + " concurrent requests. Retry later.");
            return;
        }
        exchange.addExchangeCompleteListener(release);
        next.handleRequest(exchange);
    }
}
