package io.chassis.tracing.internal;

import io.chassis.tracing.spi.Hex;
import io.opentracing.Scope;
import io.opentracing.ScopeManager;
import io.opentracing.Span;
import org.slf4j.MDC;

/**
 * Puts {@code trace_id} and {@code span_id} into the MDC while a span is active on a thread and
 * restores what was there when the scope closes, so nested scopes and pooled threads stay right.
 */
final class MdcScopeManager implements ScopeManager {

    private final ScopeManager delegate;

    MdcScopeManager(ScopeManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Scope activate(Span span) {
        Scope scope = delegate.activate(span);
        String previousTrace = MDC.get(TraceIds.TRACE_ID);
        String previousSpan = MDC.get(TraceIds.SPAN_ID);
        if (span != null) {
            MDC.put(TraceIds.TRACE_ID, TraceIds.traceId(span));
            MDC.put(TraceIds.SPAN_ID, TraceIds.spanId(span));
        }
        return () -> {
            scope.close();
            restore(TraceIds.TRACE_ID, previousTrace);
            restore(TraceIds.SPAN_ID, previousSpan);
        };
    }

    @Override
    public Span activeSpan() {
        return delegate.activeSpan();
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** The MDC keys and the ids as every backend should print them. */
    static final class TraceIds {
        static final String TRACE_ID = "trace_id";
        static final String SPAN_ID = "span_id";

        private TraceIds() {}

        static String traceId(Span span) {
            return Hex.pad(span.context().toTraceId(), 32);
        }

        static String spanId(Span span) {
            return Hex.pad(span.context().toSpanId(), 16);
        }
    }
}
