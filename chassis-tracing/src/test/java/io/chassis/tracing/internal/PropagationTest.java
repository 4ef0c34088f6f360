package io.chassis.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.tracing.PropagationFormat;
import io.chassis.tracing.spi.TraceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropagationTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final String PARENT = "0000000000000abc";
    private final Propagation all = new Propagation(List.of(PropagationFormat.values()));

    @Test
    void readsW3cTraceparentWithTracestateAndBaggage() {
        TraceContext c = extract(headers(
                "traceparent", "00-" + TRACE + "-" + SPAN + "-01",
                "tracestate", "vendor=abc,other=1",
                "baggage", "user=ann%20b,tier=gold;prop=x"));

        assertThat(c.traceIdHex()).isEqualTo(TRACE);
        assertThat(c.spanIdHex()).isEqualTo(SPAN);
        assertThat(c.sampled()).isTrue();
        assertThat(c.traceState()).isEqualTo("vendor=abc,other=1");
        assertThat(c.baggage()).containsEntry("user", "ann b").containsEntry("tier", "gold");
    }

    @Test
    void readsAnUnsampledW3cContext() {
        assertThat(extract(headers("TraceParent", "00-" + TRACE + "-" + SPAN + "-00"))
                        .sampled())
                .isFalse();
    }

    @Test
    void readsB3Single() {
        TraceContext c = extract(headers("b3", TRACE + "-" + SPAN + "-1-" + PARENT));

        assertThat(c.traceIdHex()).isEqualTo(TRACE);
        assertThat(c.spanIdHex()).isEqualTo(SPAN);
        assertThat(c.parentSpanId()).isEqualTo(0xabc);
        assertThat(c.sampled()).isTrue();
    }

    @Test
    void readsB3SingleWithDebugAndWithoutDecision() {
        TraceContext debug = extract(headers("b3", TRACE + "-" + SPAN + "-d"));
        TraceContext deferred = extract(headers("b3", TRACE + "-" + SPAN));

        assertThat(debug.debug()).isTrue();
        assertThat(debug.sampled()).isTrue();
        assertThat(deferred.sampled()).isNull();
    }

    @Test
    void readsB3MultiWith64BitTraceId() {
        TraceContext c = extract(headers(
                "X-B3-TraceId",
                "a3ce929d0e0e4736",
                "X-B3-SpanId",
                SPAN,
                "X-B3-ParentSpanId",
                PARENT,
                "X-B3-Sampled",
                "0"));

        assertThat(c.traceIdHex()).isEqualTo("0000000000000000a3ce929d0e0e4736");
        assertThat(c.parentSpanId()).isEqualTo(0xabc);
        assertThat(c.sampled()).isFalse();
    }

    @Test
    void readsJaegerUberTraceIdUrlEncodedWithBaggage() {
        TraceContext c =
                extract(headers("uber-trace-id", "a3ce929d0e0e4736%3A" + SPAN + "%3A0%3A3", "uberctx-User", "ann%20b"));

        assertThat(c.traceIdLow()).isEqualTo(0xa3ce929d0e0e4736L);
        assertThat(c.traceIdHigh()).isZero();
        assertThat(c.sampled()).isTrue();
        assertThat(c.debug()).isTrue();
        assertThat(c.baggage()).containsEntry("user", "ann b");
    }

    @Test
    void prefersW3cOverTheOtherFormats() {
        TraceContext c = extract(headers(
                "uber-trace-id", "1:2:0:1",
                "X-B3-TraceId", "0000000000000003",
                "X-B3-SpanId", "0000000000000004",
                "traceparent", "00-" + TRACE + "-" + SPAN + "-01"));

        assertThat(c.traceIdHex()).isEqualTo(TRACE);
    }

    @Test
    void skipsAMalformedHeaderAndReadsTheNextFormat() {
        TraceContext c = extract(headers("traceparent", "00-nothex-" + SPAN + "-01", "uber-trace-id", "1:2:0:1"));

        assertThat(c.traceIdLow()).isEqualTo(1);
        assertThat(c.spanId()).isEqualTo(2);
    }

    @Test
    void returnsNothingForMalformedOrInvalidHeaders() {
        List<Map<String, String>> bad = List.of(
                headers("traceparent", "garbage"),
                headers("traceparent", "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01"),
                headers("traceparent", "00-00000000000000000000000000000000-" + SPAN + "-01"),
                headers("traceparent", "ff-" + TRACE + "-" + SPAN + "-01"),
                headers("traceparent", "00-" + TRACE + "-" + SPAN + "-01-extra"),
                headers("b3", "abc-def"),
                headers("b3", TRACE + "-" + SPAN + "-x"),
                headers("X-B3-TraceId", TRACE),
                headers("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-Sampled", "yes"),
                headers("uber-trace-id", "1:2:0"),
                headers("uber-trace-id", "0:2:0:1"),
                headers("uber-trace-id", "zz:2:0:1"),
                headers("uber-trace-id", "\r\n:2:0:1"));

        for (Map<String, String> h : bad) {
            assertThat(all.extract(h.entrySet())).as(h.toString()).isNull();
        }
    }

    @Test
    void aLoneB3SamplingFlagIsNoContext() {
        assertThat(extract(headers("b3", "1"))).isNull();
    }

    @Test
    void writesW3c() {
        Map<String, String> out = inject(List.of(PropagationFormat.W3C), context(true, Map.of("user", "ann b")));

        assertThat(out)
                .containsEntry("traceparent", "00-" + TRACE + "-" + SPAN + "-01")
                .containsEntry("tracestate", "v=1")
                .containsEntry("baggage", "user=ann%20b")
                .hasSize(3);
    }

    @Test
    void writesB3Multi() {
        Map<String, String> out = inject(List.of(PropagationFormat.B3), context(false, Map.of()));

        assertThat(out)
                .containsEntry("X-B3-TraceId", TRACE)
                .containsEntry("X-B3-SpanId", SPAN)
                .containsEntry("X-B3-ParentSpanId", PARENT)
                .containsEntry("X-B3-Sampled", "0")
                .hasSize(4);
    }

    @Test
    void writesB3Single() {
        Map<String, String> out = inject(List.of(PropagationFormat.B3_SINGLE), context(true, Map.of()));

        assertThat(out).containsExactly(Map.entry("b3", TRACE + "-" + SPAN + "-1-" + PARENT));
    }

    @Test
    void writesJaegerWithBaggage() {
        Map<String, String> out = inject(List.of(PropagationFormat.JAEGER), context(true, Map.of("user", "ann")));

        assertThat(out)
                .containsEntry("uber-trace-id", TRACE + ":" + SPAN + ":abc:1")
                .containsEntry("uberctx-user", "ann")
                .hasSize(2);
    }

    @Test
    void everyWrittenFormatReadsBackTheSameContext() {
        TraceContext original = context(true, Map.of("user", "ann"));
        for (PropagationFormat format : PropagationFormat.values()) {
            Map<String, String> out = inject(List.of(format), original);

            TraceContext back = all.extract(out.entrySet());

            assertThat(back.traceIdHex()).as(format.name()).isEqualTo(TRACE);
            assertThat(back.spanId()).as(format.name()).isEqualTo(original.spanId());
            assertThat(back.sampled()).as(format.name()).isTrue();
            if (format == PropagationFormat.W3C || format == PropagationFormat.JAEGER) {
                assertThat(back.baggage()).as(format.name()).containsEntry("user", "ann");
            }
        }
    }

    private static TraceContext context(boolean sampled, Map<String, String> baggage) {
        return new TraceContext(
                0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, 0xabc, sampled, false, "v=1", baggage);
    }

    private static Map<String, String> inject(List<PropagationFormat> formats, TraceContext c) {
        Map<String, String> out = new LinkedHashMap<>();
        new Propagation(formats).inject(c, out::put);
        return out;
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            h.put(pairs[i], pairs[i + 1]);
        }
        return h;
    }

    private TraceContext extract(Map<String, String> h) {
        return all.extract(h.entrySet());
    }
}
