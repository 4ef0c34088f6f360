package io.chassis.tracing.otel.internal;

import io.chassis.tracing.spi.Hex;
import io.chassis.tracing.spi.TraceContext;
import io.chassis.tracing.spi.TraceHeaders;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chassis's header codec as the OpenTelemetry propagator the shim uses for HTTP headers and text
 * maps: converts {@link TraceContext} to an OpenTelemetry remote {@link SpanContext} plus {@link
 * Baggage}, and back.
 */
public final class ChassisPropagator implements TextMapPropagator {

    private final TraceHeaders headers;
    private final Sampler root;

    /**
     * @param headers the codec
     * @param root decides for callers that left the decision to us (B3 without sampling state)
     */
    public ChassisPropagator(TraceHeaders headers, Sampler root) {
        this.headers = headers;
        this.root = root;
    }

    @Override
    public List<String> fields() {
        return headers.fields();
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return;
        }
        Map<String, String> baggage = new HashMap<>();
        Baggage.fromContext(context).forEach((key, entry) -> baggage.put(key, entry.getValue()));
        String trace = span.getTraceId();
        TraceContext c = new TraceContext(
                Hex.parse(trace, 0, 16, true),
                Hex.parse(trace, 16, 32, true),
                Hex.parse(span.getSpanId(), 0, 16, true),
                0,
                span.isSampled(),
                false,
                traceState(span.getTraceState()),
                baggage);
        headers.inject(c, (name, value) -> setter.set(carrier, name, value));
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
        if (carrier == null) {
            return context;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (String key : getter.keys(carrier)) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(key, getter.get(carrier, key)));
        }
        TraceContext c = headers.extract(entries);
        if (c == null) {
            return context;
        }
        String traceId = TraceId.fromLongs(c.traceIdHigh(), c.traceIdLow());
        boolean sampled = c.sampled() != null ? c.sampled() || c.debug() : decide(traceId);
        SpanContext remote = SpanContext.createFromRemoteParent(
                traceId,
                SpanId.fromLong(c.spanId()),
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                traceState(c.traceState()));
        Context result = context.with(Span.wrap(remote));
        if (!c.baggage().isEmpty()) {
            BaggageBuilder baggage = Baggage.builder();
            c.baggage().forEach(baggage::put);
            result = result.with(baggage.build());
        }
        return result;
    }

    private boolean decide(String traceId) {
        return root.shouldSample(Context.root(), traceId, "", SpanKind.SERVER, Attributes.empty(), List.of())
                        .getDecision()
                == SamplingDecision.RECORD_AND_SAMPLE;
    }

    private static String traceState(TraceState state) {
        if (state.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        state.forEach((key, value) ->
                out.append(out.length() == 0 ? "" : ",").append(key).append('=').append(value));
        return out.toString();
    }

    private static TraceState traceState(String header) {
        if (header == null) {
            return TraceState.getDefault();
        }
        TraceStateBuilder builder = TraceState.builder();
        String[] members = header.split(",");
        for (int i = members.length - 1; i >= 0; i--) { // put() moves a member to the front
            String member = members[i];
            int eq = member.indexOf('=');
            if (eq > 0) {
                builder.put(
                        member.substring(0, eq).trim(), member.substring(eq + 1).trim()); // invalid ones are ignored
            }
        }
        return builder.build();
    }
}
