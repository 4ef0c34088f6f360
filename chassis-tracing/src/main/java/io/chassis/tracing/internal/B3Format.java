package io.chassis.tracing.internal;

import io.chassis.tracing.spi.Hex;
import io.chassis.tracing.spi.TraceContext;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Zipkin B3, as one header ({@code b3: {trace}-{span}[-{1|0|d}[-{parent}]]}) or several ({@code
 * X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-ParentSpanId}, {@code X-B3-Sampled}, {@code
 * X-B3-Flags}). Trace ids have 16 or 32 hex digits, span ids 16. B3 carries no baggage.
 */
final class B3Format {

    private B3Format() {}

    /**
     * @return the context, or null when there is no {@code b3} header with ids
     * @throws MalformedHeader when it is there but invalid
     */
    static TraceContext readSingle(Headers h, Map<String, String> baggage) {
        String v = h.b3;
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (v.length() <= 1) {
            return null; // only a sampling decision ("0", "1", "d") and no ids: nothing to continue
        }
        String[] parts = v.split("-", -1);
        if (parts.length < 2 || parts.length > 4) {
            throw new MalformedHeader(Headers.B3, v, "is not {trace}-{span}[-{sampled}[-{parent}]]");
        }
        Boolean sampled = null;
        boolean debug = false;
        if (parts.length >= 3) {
            switch (parts[2]) {
                case "1" -> sampled = true;
                case "0" -> sampled = false;
                case "d" -> debug = true;
                default -> throw new MalformedHeader(Headers.B3, v, "has a sampling state other than 1, 0 or d");
            }
        }
        String parent = parts.length == 4 ? parts[3] : null;
        return build(Headers.B3, v, parts[0], parts[1], parent, debug ? Boolean.TRUE : sampled, debug, baggage);
    }

    /**
     * @return the context, or null when there is no {@code X-B3-TraceId}
     * @throws MalformedHeader when the headers are there but invalid
     */
    static TraceContext readMulti(Headers h, Map<String, String> baggage) {
        if (h.b3TraceId == null) {
            return null;
        }
        String trace = h.b3TraceId.trim();
        if (h.b3SpanId == null) {
            throw new MalformedHeader(Headers.B3_TRACE_ID, trace, "comes without " + Headers.B3_SPAN_ID);
        }
        boolean debug = "1".equals(trim(h.b3Flags));
        Boolean sampled = debug ? Boolean.TRUE : sampled(trim(h.b3Sampled), trace);
        String parent = trim(h.b3ParentId);
        return build(Headers.B3_TRACE_ID, trace, trace, h.b3SpanId.trim(), parent, sampled, debug, baggage);
    }

    static void writeSingle(TraceContext c, BiConsumer<String, String> put) {
        String state = c.debug() ? "d" : Boolean.FALSE.equals(c.sampled()) ? "0" : "1";
        String parent = c.parentSpanId() == 0 ? "" : "-" + Hex.of(c.parentSpanId());
        put.accept(Headers.B3, traceId(c) + '-' + Hex.of(c.spanId()) + '-' + state + parent);
    }

    static void writeMulti(TraceContext c, BiConsumer<String, String> put) {
        put.accept(Headers.B3_TRACE_ID, traceId(c));
        put.accept(Headers.B3_SPAN_ID, Hex.of(c.spanId()));
        if (c.parentSpanId() != 0) {
            put.accept(Headers.B3_PARENT_ID, Hex.of(c.parentSpanId()));
        }
        if (c.debug()) {
            put.accept(Headers.B3_FLAGS, "1"); // debug implies sampled; Sampled must then be absent
        } else {
            put.accept(Headers.B3_SAMPLED, Boolean.FALSE.equals(c.sampled()) ? "0" : "1");
        }
    }

    private static String traceId(TraceContext c) {
        return c.traceIdHigh() == 0 ? Hex.of(c.traceIdLow()) : Hex.of(c.traceIdHigh()) + Hex.of(c.traceIdLow());
    }

    private static Boolean sampled(String value, String trace) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> throw new MalformedHeader(Headers.B3_SAMPLED, value, "is not 1, 0, true or false");
        };
    }

    private static TraceContext build(
            String header,
            String value,
            String trace,
            String span,
            String parent,
            Boolean sampled,
            boolean debug,
            Map<String, String> baggage) {
        if ((trace.length() != 16 && trace.length() != 32) || span.length() != 16) {
            throw new MalformedHeader(header, value, "needs a 16 or 32 digit trace id and a 16 digit span id");
        }
        try {
            long high = trace.length() == 32 ? Hex.parse(trace, 0, 16, false) : 0;
            long low = Hex.parse(trace, trace.length() - 16, trace.length(), false);
            long spanId = Hex.parse(span, 0, 16, false);
            long parentId = parent == null || parent.isEmpty() ? 0 : Hex.parse(parent, 0, parent.length(), false);
            if ((high == 0 && low == 0) || spanId == 0) {
                throw new MalformedHeader(header, value, "has an all-zero id");
            }
            return new TraceContext(high, low, spanId, parentId, sampled, debug, null, baggage);
        } catch (NumberFormatException e) {
            throw new MalformedHeader(header, value, "has a non-hex digit");
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
