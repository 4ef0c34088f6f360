package io.chassis.tracing.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The trace headers of one request, collected in one pass over its headers (names compared
 * without case): the formats then read fields instead of searching again.
 */
final class Headers {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    static final String BAGGAGE = "baggage";
    static final String B3 = "b3";
    static final String B3_TRACE_ID = "X-B3-TraceId";
    static final String B3_SPAN_ID = "X-B3-SpanId";
    static final String B3_PARENT_ID = "X-B3-ParentSpanId";
    static final String B3_SAMPLED = "X-B3-Sampled";
    static final String B3_FLAGS = "X-B3-Flags";
    static final String UBER_TRACE_ID = "uber-trace-id";
    static final String UBER_BAGGAGE_PREFIX = "uberctx-";

    String traceparent;
    String tracestate;
    String baggage;
    String b3;
    String b3TraceId;
    String b3SpanId;
    String b3ParentId;
    String b3Sampled;
    String b3Flags;
    String uberTraceId;
    Map<String, String> uberBaggage;

    static Headers collect(Iterable<? extends Map.Entry<String, String>> entries) {
        Headers h = new Headers();
        for (Map.Entry<String, String> e : entries) {
            h.add(e.getKey(), e.getValue());
        }
        return h;
    }

    /** Keeps the value if the name is a trace header; equalsIgnoreCase compares lengths first. */
    void add(String name, String value) {
        if (name == null || value == null) {
            return;
        }
        if (name.equalsIgnoreCase(TRACEPARENT)) {
            traceparent = value;
        } else if (name.equalsIgnoreCase(TRACESTATE)) {
            tracestate = value;
        } else if (name.equalsIgnoreCase(BAGGAGE)) {
            baggage = value;
        } else if (name.equalsIgnoreCase(B3)) {
            b3 = value;
        } else if (name.equalsIgnoreCase(B3_TRACE_ID)) {
            b3TraceId = value;
        } else if (name.equalsIgnoreCase(B3_SPAN_ID)) {
            b3SpanId = value;
        } else if (name.equalsIgnoreCase(B3_PARENT_ID)) {
            b3ParentId = value;
        } else if (name.equalsIgnoreCase(B3_SAMPLED)) {
            b3Sampled = value;
        } else if (name.equalsIgnoreCase(B3_FLAGS)) {
            b3Flags = value;
        } else if (name.equalsIgnoreCase(UBER_TRACE_ID)) {
            uberTraceId = value;
        } else if (name.length() > UBER_BAGGAGE_PREFIX.length()
                && name.regionMatches(true, 0, UBER_BAGGAGE_PREFIX, 0, UBER_BAGGAGE_PREFIX.length())) {
            if (uberBaggage == null) {
                uberBaggage = new HashMap<>(4);
            }
            uberBaggage.put(name.substring(UBER_BAGGAGE_PREFIX.length()).toLowerCase(Locale.ROOT), value);
        }
    }

    /** Shortens and escapes a header value for a debug line. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 120; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return value.length() > 120 ? out + "..." : out.toString();
    }
}
