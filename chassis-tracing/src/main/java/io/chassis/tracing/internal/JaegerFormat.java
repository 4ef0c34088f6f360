package io.chassis.tracing.internal;

import io.chassis.tracing.spi.Hex;
import io.chassis.tracing.spi.TraceContext;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Jaeger: {@code uber-trace-id: {trace}:{span}:{parent}:{flags}} in hex (the trace id up to 32
 * digits, leading zeros optional; flags 1 = sampled, 2 = debug), possibly URL-encoded ({@code
 * %3A}); baggage in {@code uberctx-{key}} headers.
 */
final class JaegerFormat {

    private JaegerFormat() {}

    /**
     * @return the context, or null when there is no {@code uber-trace-id}
     * @throws MalformedHeader when it is there but invalid
     */
    static TraceContext read(Headers h, Map<String, String> baggage) {
        String raw = h.uberTraceId;
        if (raw == null) {
            return null;
        }
        String v = raw.trim();
        if (v.indexOf('%') >= 0) {
            v = v.replace("%3A", ":").replace("%3a", ":");
        }
        String[] parts = v.split(":", -1);
        if (parts.length != 4) {
            throw new MalformedHeader(Headers.UBER_TRACE_ID, raw, "is not {trace}:{span}:{parent}:{flags}");
        }
        try {
            String trace = parts[0];
            if (trace.isEmpty() || trace.length() > 32) {
                throw new MalformedHeader(Headers.UBER_TRACE_ID, raw, "has a trace id of 1 to 32 hex digits");
            }
            int split = Math.max(0, trace.length() - 16);
            long high = split == 0 ? 0 : Hex.parse(trace, 0, split, false);
            long low = Hex.parse(trace, split, trace.length(), false);
            long span = Hex.parse(parts[1], 0, parts[1].length(), false);
            long parent = Hex.parse(parts[2], 0, parts[2].length(), false);
            long flags = Hex.parse(parts[3], 0, parts[3].length(), false);
            if ((high == 0 && low == 0) || span == 0) {
                throw new MalformedHeader(Headers.UBER_TRACE_ID, raw, "has an all-zero id");
            }
            boolean debug = (flags & 2) != 0;
            return new TraceContext(high, low, span, parent, (flags & 1) != 0 || debug, debug, null, baggage);
        } catch (NumberFormatException e) {
            throw new MalformedHeader(Headers.UBER_TRACE_ID, raw, "has an id that is not 1 to 16 hex digits");
        }
    }

    static void write(TraceContext c, BiConsumer<String, String> put) {
        String trace = c.traceIdHigh() == 0 ? Hex.of(c.traceIdLow()) : Hex.of(c.traceIdHigh()) + Hex.of(c.traceIdLow());
        int flags = (Boolean.TRUE.equals(c.sampled()) || c.debug() ? 1 : 0) | (c.debug() ? 2 : 0);
        put.accept(
                Headers.UBER_TRACE_ID,
                trace + ':' + Hex.of(c.spanId()) + ':' + Long.toHexString(c.parentSpanId()) + ':' + flags);
        c.baggage().forEach((k, val) -> put.accept(Headers.UBER_BAGGAGE_PREFIX + k, BaggageFormat.encode(val)));
    }
}
