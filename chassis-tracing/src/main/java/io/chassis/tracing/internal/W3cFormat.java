package io.chassis.tracing.internal;

import io.chassis.tracing.spi.Hex;
import io.chassis.tracing.spi.TraceContext;
import java.util.Map;
import java.util.function.BiConsumer;

/** W3C Trace Context: {@code traceparent: 00-{32 hex trace}-{16 hex span}-{2 hex flags}}. */
final class W3cFormat {

    private static final int LENGTH = 55;

    private W3cFormat() {}

    /**
     * @return the context, or null when there is no {@code traceparent}
     * @throws MalformedHeader when it is there but invalid
     */
    static TraceContext read(Headers h, Map<String, String> baggage) {
        String v = h.traceparent;
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (v.length() < LENGTH || v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
            throw new MalformedHeader(Headers.TRACEPARENT, v, "is not version-traceid-spanid-flags");
        }
        try {
            long version = Hex.parse(v, 0, 2, true);
            // version 00 has exactly 55 characters; later versions may append fields after a '-'
            if (version == 0xff
                    || (version == 0 && v.length() != LENGTH)
                    || (v.length() > LENGTH && v.charAt(55) != '-')) {
                throw new MalformedHeader(Headers.TRACEPARENT, v, "has an invalid version or length");
            }
            long high = Hex.parse(v, 3, 19, true);
            long low = Hex.parse(v, 19, 35, true);
            long span = Hex.parse(v, 36, 52, true);
            long flags = Hex.parse(v, 53, 55, true);
            if ((high == 0 && low == 0) || span == 0) {
                throw new MalformedHeader(Headers.TRACEPARENT, v, "has an all-zero id");
            }
            String state = h.tracestate == null || h.tracestate.isBlank() ? null : h.tracestate.trim();
            return new TraceContext(high, low, span, 0, (flags & 1) == 1, false, state, baggage);
        } catch (NumberFormatException e) {
            throw new MalformedHeader(Headers.TRACEPARENT, v, "has a non-hex or upper-case digit");
        }
    }

    static void write(TraceContext c, BiConsumer<String, String> put) {
        boolean sampled = Boolean.TRUE.equals(c.sampled()) || c.debug();
        put.accept(
                Headers.TRACEPARENT,
                "00-" + Hex.of(c.traceIdHigh()) + Hex.of(c.traceIdLow()) + '-' + Hex.of(c.spanId())
                        + (sampled ? "-01" : "-00"));
        if (c.traceState() != null) {
            put.accept(Headers.TRACESTATE, c.traceState());
        }
        String baggage = BaggageFormat.writeW3c(c.baggage());
        if (baggage != null) {
            put.accept(Headers.BAGGAGE, baggage);
        }
    }
}
