package io.chassis.tracing;

/**
 * Header formats that carry a trace context between services. Every format is read on incoming
 * requests, in the order of the constants; {@code chassis.tracing.propagation.inject} chooses the
 * ones written on outgoing calls.
 */
public enum PropagationFormat {
    /** W3C Trace Context: {@code traceparent}, {@code tracestate}; W3C {@code baggage}. */
    W3C,
    /** Zipkin B3, one header: {@code b3: {trace}-{span}-{sampled}-{parent}}. */
    B3_SINGLE,
    /** Zipkin B3, several headers: {@code X-B3-TraceId}, {@code X-B3-SpanId}, ... */
    B3,
    /** Jaeger: {@code uber-trace-id: {trace}:{span}:{parent}:{flags}}, baggage in {@code uberctx-*}. */
    JAEGER
}
