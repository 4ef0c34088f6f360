package io.chassis.tracing.internal;

/** Recognises the headers any propagation format writes. */
final class TraceHeaderNames {

    private TraceHeaderNames() {}

    static boolean isTraceHeader(String name) {
        Headers probe = new Headers();
        probe.add(name, "");
        return probe.traceparent != null
                || probe.tracestate != null
                || probe.baggage != null
                || probe.b3 != null
                || probe.b3TraceId != null
                || probe.b3SpanId != null
                || probe.b3ParentId != null
                || probe.b3Sampled != null
                || probe.b3Flags != null
                || probe.uberTraceId != null
                || probe.uberBaggage != null;
    }
}
