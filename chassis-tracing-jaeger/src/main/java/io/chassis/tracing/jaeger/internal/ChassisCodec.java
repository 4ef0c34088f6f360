package io.chassis.tracing.jaeger.internal;

import io.chassis.tracing.spi.TraceContext;
import io.chassis.tracing.spi.TraceHeaders;
import io.jaegertracing.internal.JaegerSpanContext;
import io.jaegertracing.spi.Codec;
import io.jaegertracing.spi.Sampler;
import io.opentracing.propagation.TextMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Chassis's header codec as jaeger-client's codec for HTTP headers and text maps: reads every
 * format, writes the configured ones, converting {@link TraceContext} to {@link JaegerSpanContext}
 * and back. The W3C trace state travels on the span context ({@link
 * JaegerSpanContext#getTraceState()}); {@link TraceStateObjectFactory} hands it down to child spans,
 * which jaeger-client itself does not.
 */
public final class ChassisCodec implements Codec<TextMap> {

    private static final byte SAMPLED = 1;
    private static final byte DEBUG = 2;

    private final TraceHeaders headers;
    private final Sampler sampler;

    /**
     * @param headers the codec
     * @param sampler decides for callers that left the decision to us (B3 without sampling state)
     */
    public ChassisCodec(TraceHeaders headers, Sampler sampler) {
        this.headers = headers;
        this.sampler = sampler;
    }

    @Override
    public JaegerSpanContext extract(TextMap carrier) {
        TraceContext c = headers.extract(carrier);
        if (c == null) {
            return null;
        }
        boolean sampled = c.sampled() != null
                ? c.sampled()
                : sampler.sample("", c.traceIdLow()).isSampled();
        byte flags = (byte) ((sampled || c.debug() ? SAMPLED : 0) | (c.debug() ? DEBUG : 0));
        JaegerSpanContext context =
                new JaegerSpanContext(c.traceIdHigh(), c.traceIdLow(), c.spanId(), c.parentSpanId(), flags);
        if (!c.baggage().isEmpty()) {
            context = context.withBaggage(new HashMap<>(c.baggage()));
        }
        return c.traceState() == null ? context : context.withTraceState(c.traceState());
    }

    @Override
    public void inject(JaegerSpanContext context, TextMap carrier) {
        Map<String, String> baggage = new HashMap<>();
        for (Map.Entry<String, String> item : context.baggageItems()) {
            baggage.put(item.getKey(), item.getValue());
        }
        TraceContext c = new TraceContext(
                context.getTraceIdHigh(),
                context.getTraceIdLow(),
                context.getSpanId(),
                context.getParentId(),
                context.isSampled(),
                context.isDebug(),
                context.getTraceState(),
                baggage);
        headers.inject(c, carrier::put);
    }
}
