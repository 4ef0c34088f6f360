package io.chassis.core.spi;

import java.util.Map;

/**
 * Writes core's HTTP access log in place of the SLF4J logger {@code chassis.access}: the logging
 * module installs one (see {@link ModuleContext#setAccessLogWriter}) that turns each line into bytes
 * on the request's thread and hands the bytes, not a log event, to its output. Without one, core
 * logs every line through SLF4J.
 */
public interface AccessLogWriter {

    /**
     * Asked once per request, before it runs: whether this writer takes its line. When it does not
     * (say, someone attached an appender to {@code chassis.access}), core logs the line through SLF4J
     * if that logger is enabled for INFO.
     *
     * @return {@code true} to have {@link #write} called when the exchange completes
     */
    boolean enabled();

    /**
     * Writes one line, on the thread that completes the exchange (an IO thread, a worker, a virtual
     * thread). Must not block and must not throw: a writer that cannot keep up drops the line and
     * counts it.
     *
     * @param line what the line says
     */
    void write(Line line);

    /**
     * What one access-log line says; {@code null} leaves a field out.
     *
     * @param requestId the request id (also in the MDC when the exchange completes in a blocking handler)
     * @param tlsPeer the client certificate's subject under mutual TLS
     * @param method the HTTP method
     * @param path the request path
     * @param route the matched route template
     * @param status the response status
     * @param durationMs from the start of the request to its completion
     * @param bytes response bytes sent
     * @param remote the peer's address
     * @param userAgent the {@code User-Agent} header
     * @param context entries filters attached to the request (trace and span ids), in the order they
     *     were attached; they win over MDC entries of the same key; empty when there are none
     */
    record Line(
            String requestId,
            String tlsPeer,
            String method,
            String path,
            String route,
            int status,
            long durationMs,
            long bytes,
            String remote,
            String userAgent,
            Map<String, String> context) {}
}
