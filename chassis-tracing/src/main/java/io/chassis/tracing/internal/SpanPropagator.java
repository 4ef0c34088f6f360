package io.chassis.tracing.internal;

import io.chassis.core.spi.ContextPropagator;
import io.opentracing.Scope;
import io.opentracing.Span;
import io.opentracing.Tracer;

/**
 * Carries the active span to the thread that continues the work (a time-limited client call, a task
 * on the service's own executor), so spans started there are its children and logs carry its ids.
 */
public final class SpanPropagator implements ContextPropagator {

    private static final Captured NOTHING = () -> () -> {};

    private final TracingRuntime runtime;

    /** @param runtime where the running tracer is found */
    public SpanPropagator(TracingRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Captured capture() {
        Tracer tracer = runtime.tracer();
        Span span = tracer == null ? null : tracer.activeSpan();
        if (span == null) {
            return NOTHING;
        }
        return () -> {
            Scope scope = tracer.activateSpan(span);
            return scope::close;
        };
    }
}
