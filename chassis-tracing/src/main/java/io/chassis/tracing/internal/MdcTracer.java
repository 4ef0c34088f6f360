package io.chassis.tracing.internal;

import io.opentracing.Scope;
import io.opentracing.ScopeManager;
import io.opentracing.Span;
import io.opentracing.SpanContext;
import io.opentracing.Tracer;
import io.opentracing.propagation.Format;

/**
 * The tracer Chassis hands out: the backend's, with every activation through {@link
 * MdcScopeManager}, so that whichever code activates a span (the server filter, the client
 * interceptor, service code on a worker thread) gets {@code trace_id} and {@code span_id} in its
 * log lines.
 */
public final class MdcTracer implements Tracer {

    private final Tracer delegate;
    private final ScopeManager scopeManager;

    /** @param delegate the backend's tracer */
    public MdcTracer(Tracer delegate) {
        this.delegate = delegate;
        this.scopeManager = new MdcScopeManager(delegate.scopeManager());
    }

    /** @return the backend's own tracer */
    public Tracer delegate() {
        return delegate;
    }

    @Override
    public ScopeManager scopeManager() {
        return scopeManager;
    }

    @Override
    public Span activeSpan() {
        return delegate.activeSpan();
    }

    @Override
    public Scope activateSpan(Span span) {
        return scopeManager.activate(span);
    }

    @Override
    public SpanBuilder buildSpan(String operationName) {
        return delegate.buildSpan(operationName);
    }

    @Override
    public <C> void inject(SpanContext spanContext, Format<C> format, C carrier) {
        delegate.inject(spanContext, format, carrier);
    }

    @Override
    public <C> SpanContext extract(Format<C> format, C carrier) {
        return delegate.extract(format, carrier);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
