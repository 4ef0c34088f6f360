package io.chassis.tracing.jaeger.internal;

import io.jaegertracing.internal.JaegerObjectFactory;
import io.jaegertracing.internal.JaegerSpan;
import io.jaegertracing.internal.JaegerSpanContext;
import io.jaegertracing.internal.JaegerTracer;
import io.jaegertracing.internal.Reference;
import io.opentracing.References;
import java.util.List;
import java.util.Map;

/**
 * Carries the W3C {@code tracestate} from a span to its children. {@link ChassisCodec} puts the
 * caller's tracestate on the context it extracts, but jaeger-client builds a child's context from
 * the parent's ids, flags and baggage only: without this, the server span would already have lost
 * it, and outgoing calls would not pass it on. A child gets the trace state of the parent it was
 * built from (jaeger-client's preferred reference: the first {@code child_of}, else the first),
 * when that parent is of the same trace.
 */
public final class TraceStateObjectFactory extends JaegerObjectFactory {

    /** A factory for {@link JaegerTracer.Builder}. */
    public TraceStateObjectFactory() {}

    @Override
    public JaegerSpan createSpan(
            JaegerTracer tracer,
            String operationName,
            JaegerSpanContext context,
            long startTimeMicroseconds,
            long startTimeNanoTicks,
            boolean computeDurationViaNanoTicks,
            Map<String, Object> tags,
            List<Reference> references) {
        return super.createSpan(
                tracer,
                operationName,
                withParentsTraceState(context, references),
                startTimeMicroseconds,
                startTimeNanoTicks,
                computeDurationViaNanoTicks,
                tags,
                references);
    }

    /**
     * @param context the new span's context
     * @param references the new span's parents
     * @return {@code context}, or a copy with the parent's trace state when it has none of its own
     */
    static JaegerSpanContext withParentsTraceState(JaegerSpanContext context, List<Reference> references) {
        if (context.getTraceState() != null || references == null || references.isEmpty()) {
            return context;
        }
        JaegerSpanContext parent = preferred(references);
        String traceState = parent.getTraceState();
        if (traceState == null
                || parent.getTraceIdHigh() != context.getTraceIdHigh()
                || parent.getTraceIdLow() != context.getTraceIdLow()) {
            return context;
        }
        return context.withTraceState(traceState);
    }

    private static JaegerSpanContext preferred(List<Reference> references) {
        for (int i = 0; i < references.size(); i++) {
            Reference reference = references.get(i);
            if (References.CHILD_OF.equals(reference.getType())) {
                return reference.getSpanContext();
            }
        }
        return references.get(0).getSpanContext();
    }
}
