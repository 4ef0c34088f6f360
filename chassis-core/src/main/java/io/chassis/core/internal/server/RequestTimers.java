package io.chassis.core.internal.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code http.server.requests} timers, tagged by method, route template ({@code uri}), status
 * and outcome. A request no route matched is tagged {@code uri=UNMATCHED}, never with its raw path,
 * so the number of series stays bounded. Timers are cached by template, method and status: once
 * warm, recording does a few map lookups and allocates nothing.
 */
public final class RequestTimers {

    static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry registry;
    private final boolean histogram;
    private final ConcurrentMap<String, ConcurrentMap<String, AtomicReferenceArray<Timer>>> timers =
            new ConcurrentHashMap<>();

    RequestTimers(MeterRegistry registry, boolean histogram) {
        this.registry = registry;
        this.histogram = histogram;
    }

    void record(HttpServerExchange exchange, long nanos) {
        timer(exchange).record(nanos, TimeUnit.NANOSECONDS);
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

    public static String outcome(int status) {
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
