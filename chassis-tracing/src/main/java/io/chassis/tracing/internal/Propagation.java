package io.chassis.tracing.internal;

import io.chassis.tracing.PropagationFormat;
import io.chassis.tracing.spi.TraceContext;
import io.chassis.tracing.spi.TraceHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composite codec behind {@link TraceHeaders}. */
public final class Propagation implements TraceHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(Propagation.class);

    private final List<PropagationFormat> inject;
    private final boolean w3c;
    private final boolean b3Single;
    private final boolean b3Multi;
    private final boolean jaeger;

    /** @param inject the formats to write */
    public Propagation(List<PropagationFormat> inject) {
        this.inject = List.copyOf(inject);
        this.w3c = inject.contains(PropagationFormat.W3C);
        this.b3Single = inject.contains(PropagationFormat.B3_SINGLE);
        this.b3Multi = inject.contains(PropagationFormat.B3);
        this.jaeger = inject.contains(PropagationFormat.JAEGER);
    }

    @Override
    public List<PropagationFormat> injectFormats() {
        return inject;
    }

    @Override
    public TraceContext extract(Iterable<? extends Map.Entry<String, String>> entries) {
        Headers h = Headers.collect(entries);
        if (h.traceparent == null && h.b3 == null && h.b3TraceId == null && h.uberTraceId == null) {
            return null;
        }
        Map<String, String> baggage = BaggageFormat.read(h);
        for (PropagationFormat format : PropagationFormat.values()) {
            try {
                TraceContext context =
                        switch (format) {
                            case W3C -> W3cFormat.read(h, baggage);
                            case B3_SINGLE -> B3Format.readSingle(h, baggage);
                            case B3 -> B3Format.readMulti(h, baggage);
                            case JAEGER -> JaegerFormat.read(h, baggage);
                        };
                if (context != null) {
                    return context;
                }
            } catch (MalformedHeader e) {
                LOG.debug("Ignoring a malformed trace header: {}", e.getMessage());
            }
        }
        return null;
    }

    @Override
    public void inject(TraceContext context, BiConsumer<String, String> put) {
        if (w3c) {
            W3cFormat.write(context, put);
        }
        if (b3Single) {
            B3Format.writeSingle(context, put);
        }
        if (b3Multi) {
            B3Format.writeMulti(context, put);
        }
        if (jaeger) {
            JaegerFormat.write(context, put);
        }
    }

    @Override
    public List<String> fields() {
        List<String> fields = new ArrayList<>();
        if (w3c) {
            fields.addAll(List.of(Headers.TRACEPARENT, Headers.TRACESTATE, Headers.BAGGAGE));
        }
        if (b3Single) {
            fields.add(Headers.B3);
        }
        if (b3Multi) {
            fields.addAll(List.of(
                    Headers.B3_TRACE_ID,
                    Headers.B3_SPAN_ID,
                    Headers.B3_PARENT_ID,
                    Headers.B3_SAMPLED,
                    Headers.B3_FLAGS));
        }
        if (jaeger) {
            fields.add(Headers.UBER_TRACE_ID);
        }
        return List.copyOf(fields);
    }
}
