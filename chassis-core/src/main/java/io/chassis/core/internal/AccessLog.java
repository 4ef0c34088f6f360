package io.chassis.core.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request on logger {@code chassis.access}, with the fields as SLF4J key-value pairs
 * (the logging module renders them as JSON fields). The request id is in the MDC, like on every
 * line logged during the request, and not repeated as a pair: a JSON line must not have it twice.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("chassis.access");

    /** Registers the log line to be written when the exchange completes. */
    void track(HttpServerExchange exchange, String requestId) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((ex, next) -> {
            try {
                log(ex, requestId, (System.nanoTime() - start) / 1_000_000);
            } finally {
                next.proceed();
            }
        });
    }

    private static void log(HttpServerExchange ex, String requestId, long durationMs) {
        PathTemplateMatch match = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String route = match == null ? null : match.getMatchedTemplate();
        InetSocketAddress remote = ex.getSourceAddress();
        String method = ex.getRequestMethod().toString();
        int status = ex.getStatusCode();
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            LOG.atInfo()
                    .addKeyValue("method", method)
                    .addKeyValue("path", ex.getRequestPath())
                    .addKeyValue("route", route)
                    .addKeyValue("status", status)
                    .addKeyValue("duration_ms", durationMs)
                    .addKeyValue("bytes", ex.getResponseBytesSent())
                    .addKeyValue(
                            "remote",
                            remote == null ? null : remote.getAddress().getHostAddress())
                    .addKeyValue("user_agent", ex.getRequestHeaders().getFirst(Headers.USER_AGENT))
                    .log("{} {} {} {}ms", method, ex.getRequestPath(), status, durationMs);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
