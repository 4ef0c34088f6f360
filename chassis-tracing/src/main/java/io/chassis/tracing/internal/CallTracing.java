package io.chassis.tracing.internal;

import io.chassis.core.spi.CallObserver;
import io.chassis.core.spi.ContextPropagator;
import io.opentracing.Scope;
import io.opentracing.Span;
import io.opentracing.SpanContext;
import io.opentracing.Tracer;
import io.opentracing.propagation.Format;
import io.opentracing.propagation.TextMap;
import io.opentracing.tag.Tags;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spans for calls of transports core does not serve (gRPC): a server span per incoming call, a
 * client span per outgoing one, with the same propagation formats as HTTP.
 */
public final class CallTracing implements CallObserver {

    private static final Logger LOG = LoggerFactory.getLogger(CallTracing.class);
    private static final ContextPropagator.Restored NOTHING = () -> {};
    private static final Observed UNTRACED = new Observed() {
        @Override
        public ContextPropagator.Restored activate() {
            return NOTHING;
        }

        @Override
        public void tag(String key, String value) {}

        @Override
        public void failed(Throwable error) {}

        @Override
        public void finish(String status, boolean error) {}
    };

    private final TracingRuntime runtime;

    /** @param runtime where the tracer is found once the service started */
    public CallTracing(TracingRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Observed inbound(CallInfo call, Iterable<Map.Entry<String, String>> headers) {
        Tracer tracer = runtime.tracer();
        if (tracer == null) {
            return UNTRACED;
        }
        Tracer.SpanBuilder builder = span(tracer, call, Tags.SPAN_KIND_SERVER).ignoreActiveSpan();
        SpanContext parent = parent(tracer, headers);
        if (parent != null) {
            builder.asChildOf(parent);
        }
        return new Traced(tracer, builder.start());
    }

    @Override
    public Observed outbound(CallInfo call, BiConsumer<String, String> header) {
        Tracer tracer = runtime.tracer();
        if (tracer == null) {
            return UNTRACED;
        }
        Span span = span(tracer, call, Tags.SPAN_KIND_CLIENT).start();
        tracer.inject(span.context(), Format.Builtin.HTTP_HEADERS, new Writer(header));
        return new Traced(tracer, span);
    }

    @Override
    public void inject(BiConsumer<String, String> header) {
        Tracer tracer = runtime.tracer();
        Span active = tracer == null ? null : tracer.activeSpan();
        if (active != null) {
            tracer.inject(active.context(), Format.Builtin.HTTP_HEADERS, new Writer(header));
        }
    }

    private static Tracer.SpanBuilder span(Tracer tracer, CallInfo call, String kind) {
        Tracer.SpanBuilder builder = tracer.buildSpan(call.operation())
                .withTag(Tags.SPAN_KIND, kind)
                .withTag(Tags.COMPONENT, "chassis-" + call.transport());
        call.tags().forEach(builder::withTag);
        return builder;
    }

    private static SpanContext parent(Tracer tracer, Iterable<Map.Entry<String, String>> headers) {
        try {
            return tracer.extract(Format.Builtin.HTTP_HEADERS, new Reader(headers));
        } catch (RuntimeException e) {
            LOG.debug("Ignoring the incoming trace context: {}", e.toString());
            return null;
        }
    }

    private record Traced(Tracer tracer, Span span) implements Observed {

        @Override
        public ContextPropagator.Restored activate() {
            Scope scope = tracer.activateSpan(span);
            return scope::close;
        }

        @Override
        public void tag(String key, String value) {
            span.setTag(key, value);
        }

        @Override
        public void failed(Throwable error) {
            SpanErrors.record(span, error);
        }

        @Override
        public void finish(String status, boolean error) {
            if (error) {
                Tags.ERROR.set(span, true);
            }
            span.finish();
        }
    }

    private record Reader(Iterable<Map.Entry<String, String>> headers) implements TextMap {
        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            return headers.iterator();
        }

        @Override
        public void put(String key, String value) {
            throw new UnsupportedOperationException("incoming headers are read-only");
        }
    }

    private record Writer(BiConsumer<String, String> header) implements TextMap {
        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            throw new UnsupportedOperationException("outgoing headers are write-only");
        }

        @Override
        public void put(String key, String value) {
            header.accept(key, value);
        }
    }
}
