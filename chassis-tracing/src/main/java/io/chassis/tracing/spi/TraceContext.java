package io.chassis.tracing.spi;

import java.util.Map;

/**
 * A trace context as it travels between services, independent of format and backend: the ids of
 * the caller's span, its sampling decision and the baggage. Backends convert it to and from their
 * own {@code SpanContext}.
 *
 * @param traceIdHigh upper 64 bits of the trace id; 0 for a 64-bit trace id
 * @param traceIdLow lower 64 bits of the trace id
 * @param spanId the caller's span id, never 0
 * @param parentSpanId the caller's parent span id, 0 when unknown or none
 * @param sampled the caller's sampling decision: TRUE, FALSE, or null when the caller left it to
 *     the receiver (B3 without a sampling state)
 * @param debug the caller forced sampling (B3 {@code d}, Jaeger flag 2)
 * @param traceState the W3C {@code tracestate} value, passed on unchanged; null when none
 * @param baggage the baggage items, immutable
 */
public record TraceContext(
        long traceIdHigh,
        long traceIdLow,
        long spanId,
        long parentSpanId,
        Boolean sampled,
        boolean debug,
        String traceState,
        Map<String, String> baggage) {

    /** Copies the baggage and rejects ids that no format allows. */
    public TraceContext {
        if (traceIdHigh == 0 && traceIdLow == 0) {
            throw new IllegalArgumentException("trace id must not be 0");
        }
        if (spanId == 0) {
            throw new IllegalArgumentException("span id must not be 0");
        }
        baggage = Map.copyOf(baggage);
    }

    /** @return the trace id as 32 lower-case hex digits */
    public String traceIdHex() {
        return Hex.of(traceIdHigh) + Hex.of(traceIdLow);
    }

    /** @return the span id as 16 lower-case hex digits */
    public String spanIdHex() {
        return Hex.of(spanId);
    }
}
