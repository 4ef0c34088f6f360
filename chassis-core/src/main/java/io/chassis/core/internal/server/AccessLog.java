package io.chassis.core.internal.server;

import io.chassis.core.internal.RequestIds;
import io.chassis.core.spi.AccessLogWriter;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.net.InetSocketAddress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request: through the module's {@link AccessLogWriter} when one is set (the logging
 * module's, which writes the JSON line on this thread and hands over bytes), else on the SLF4J logger
 * {@code chassis.access} with the fields as key-value pairs, the request id included exactly once.
 * A line the writer does not take (see {@link AccessLogWriter#enabled}) goes through SLF4J.
 * Two listener instances serve every exchange: the request id and the start time are read from the
 * exchange, so tracking allocates nothing.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("chassis.access");
    /** The peer's address as text, formatted once per connection rather than once per request. */
    private static final AttachmentKey<String> REMOTE = AttachmentKey.create(String.class);

    private final AccessLogWriter writer;
    private final ExchangeCompletionListener toWriter = (exchange, next) -> complete(exchange, next, true);
    private final ExchangeCompletionListener toSlf4j = (exchange, next) -> complete(exchange, next, false);

    /** @param writer writes the lines it takes; null logs every line through SLF4J */
    AccessLog(AccessLogWriter writer) {
        this.writer = writer;
    }

    /** Registers the log line to be written when the exchange completes. */
    void track(HttpServerExchange exchange) {
        if (writer != null && writer.enabled()) {
            exchange.addExchangeCompleteListener(toWriter);
        } else if (LOG.isInfoEnabled()) {
            exchange.addExchangeCompleteListener(toSlf4j);
        }
    }

    private void complete(HttpServerExchange exchange, ExchangeCompletionListener.NextListener next, boolean toWriter) {
        try {
            long durationMs = (System.nanoTime() - exchange.getRequestStartTime()) / 1_000_000;
            if (toWriter) {
                writer.write(line(exchange, durationMs));
            } else {
                log(exchange, durationMs);
            }
        } finally {
            next.proceed();
        }
    }

    private static AccessLogWriter.Line line(HttpServerExchange ex, long durationMs) {
        PathTemplateMatch match = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        return new AccessLogWriter.Line(
                ex.getAttachment(RequestIds.KEY),
                PeerCertificates.subject(ex),
                ex.getRequestMethod().toString(),
                ex.getRequestPath(),
                match == null ? null : match.getMatchedTemplate(),
                ex.getStatusCode(),
                durationMs,
                ex.getResponseBytesSent(),
                remoteAddress(ex),
                ex.getRequestHeaders().getFirst(Headers.USER_AGENT),
                ExchangeMdc.entries(ex));
    }

    private static String remoteAddress(HttpServerExchange ex) {
        ServerConnection connection = ex.getConnection();
        String remote = connection.getAttachment(REMOTE);
        if (remote == null) {
            InetSocketAddress peer = ex.getSourceAddress();
            remote = peer == null ? "" : peer.getAddress().getHostAddress();
            connection.putAttachment(REMOTE, remote);
        }
        return remote.isEmpty() ? null : remote;
    }

    private static void log(HttpServerExchange ex, long durationMs) {
        // Entries a filter attached to the exchange (trace and span ids) go on this line too.
        Map<String, String> attached = ExchangeMdc.apply(ex);
        try {
            write(ex, durationMs);
        } finally {
            ExchangeMdc.restore(attached);
        }
    }

    private static void write(HttpServerExchange ex, long durationMs) {
        PathTemplateMatch match = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String method = ex.getRequestMethod().toString();
        int status = ex.getStatusCode();
        LoggingEventBuilder line = LOG.atInfo();
        // When the exchange completes inside a blocking handler, the MDC already holds this request's
        // id and every line carries it; otherwise it goes along as a key-value pair. Never both: a
        // JSON line must not carry the field twice.
        if (MDC.get(RequestIds.MDC_KEY) == null) {
            line = line.addKeyValue(RequestIds.MDC_KEY, ex.getAttachment(RequestIds.KEY));
        }
        String peer = PeerCertificates.subject(ex); // null without mTLS: the field is left out
        if (peer != null) {
            line = line.addKeyValue("tls_peer", peer);
        }
        line.addKeyValue("method", method)
                .addKeyValue("path", ex.getRequestPath())
                .addKeyValue("route", match == null ? null : match.getMatchedTemplate())
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", durationMs)
                .addKeyValue("bytes", ex.getResponseBytesSent())
                .addKeyValue("remote", remoteAddress(ex))
                .addKeyValue("user_agent", ex.getRequestHeaders().getFirst(Headers.USER_AGENT))
                .log("request"); // a constant: the fields say it all, and formatting costs on every request
    }
}
