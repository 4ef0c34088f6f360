package io.chassis.core.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Records {@code http.server.requests} tagged by method, route template ({@code uri}), status and
 * outcome. A request no route matched is tagged {@code uri=UNMATCHED}, never with its raw path, so
 * the number of series stays bounded. Timers are cached by template, method and status, and the
 * start time is Undertow's own (RECORD_REQUEST_START_TIME), so the hot path allocates nothing.
 */
final class HttpMetricsHandler implements HttpHandler, ExchangeCompletionListener {

    static final String UNMATCHED = "UNMATCHED";

    private final HttpHandler next;
    private final MeterRegistry registry;
    private final boolean histogram;
    private final ConcurrentMap<String, ConcurrentMap<String, AtomicReferenceArray<Timer>>> timers =
            new ConcurrentHashMap<>();

    HttpMetricsHandler(HttpHandler next, MeterRegistry registry, boolean histogram) {
        this.next = next;
        this.registry = registry;
        this.histogram = histogram;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addExchangeCompleteListener(this);
        next.handleRequest(exchange);
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
        try {
            long elapsed = System.nanoTime() - exchange.getRequestStartTime();
            timer(exchange).record(elapsed, TimeUnit.NANOSECONDS);
        } finally {
            nextListener.proceed();
        }
    }

    private Timer timer(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String uri = match == null ? UNMATCHED : match.getMatchedTemplate();
        String method = exchange.getRequestMethod().toString();
        int status = exchange.getStatusCode();
        int index = status >= 100 && status < 600 ? status - 100 : 0;
        AtomicReferenceArray<Timer> byStatus = timers.computeIfAbsent(uri, u -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, m -> new AtomicReferenceArray<>(500));
        Timer timer = byStatus.get(index);
        if (timer == null) {
            timer = Timer.builder("http.server.requests")
                    .description("HTTP requests served, by route template")
                    .tag("method", method)
                    .tag("uri", uri)
                    .tag("status", Integer.toString(status))
                    .tag("outcome", outcome(status))
                    .publishPercentileHistogram(histogram)
                    .register(registry);
            byStatus.set(index, timer);
        }
        return timer;
    }

    static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        } else if (status < 300) {
            return "SUCCESS";
        } else if (status < 400) {
            return "REDIRECTION";
        } else if (status < 500) {
            return "CLIENT_ERROR";
        }
        return "SERVER_ERROR";
    }
}
