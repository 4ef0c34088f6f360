package io.chassis.tracing.internal;

import io.opentracing.Tracer;
import java.util.Optional;

/**
 * What the filter and the interceptor share with the module: the tracer, set when the service
 * starts (before the HTTP server opens), and the response header setting.
 */
public final class TracingRuntime {

    private final String responseHeader;
    private volatile Tracer tracer;

    /** @param responseHeader the header that carries the trace id, if any */
    public TracingRuntime(Optional<String> responseHeader) {
        this.responseHeader = responseHeader.orElse(null);
    }

    /** @param tracer the running tracer */
    public void tracer(Tracer tracer) {
        this.tracer = tracer;
    }

    /** @return the running tracer, or null before start */
    public Tracer tracer() {
        return tracer;
    }

    String responseHeader() {
        return responseHeader;
    }
}
