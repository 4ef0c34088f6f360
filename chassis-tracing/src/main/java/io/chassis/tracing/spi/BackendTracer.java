package io.chassis.tracing.spi;

import io.opentracing.Tracer;
import java.time.Duration;

/** A running backend tracer and the way to stop it. */
public interface BackendTracer {

    /**
     * @return the tracer; its {@code extract}/{@code inject} for {@code HTTP_HEADERS} and {@code
     *     TEXT_MAP} go through the {@link TraceHeaders} of the {@link BackendContext}, and a span's
     *     children keep its {@link TraceContext#traceState()}, so that every call made while handling
     *     a request passes the caller's W3C {@code tracestate} on unchanged
     */
    Tracer tracer();

    /**
     * Sends the spans finished so far, then releases the reporter. Must not throw.
     *
     * @param timeout how long sending may take at most
     */
    void close(Duration timeout);
}
