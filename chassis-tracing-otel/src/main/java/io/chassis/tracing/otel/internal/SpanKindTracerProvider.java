package io.chassis.tracing.otel.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * The tracer provider the OpenTracing shim gets: the SDK's, except that the OpenTracing tag {@code
 * span.kind} (server, client, producer, consumer) also sets the OpenTelemetry span kind, which the
 * shim leaves INTERNAL. Exporters and backends (Zipkin's dependency graph) rely on the kind.
 */
public final class SpanKindTracerProvider implements TracerProvider {

    private static final String SPAN_KIND = "span.kind";

    private final TracerProvider delegate;

    /** @param delegate the SDK's provider */
    public SpanKindTracerProvider(TracerProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public Tracer get(String instrumentationScopeName) {
        Tracer tracer = delegate.get(instrumentationScopeName);
        return name -> new KindSpanBuilder(tracer.spanBuilder(name));
    }

    @Override
    public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
        Tracer tracer = delegate.get(instrumentationScopeName, instrumentationScopeVersion);
        return name -> new KindSpanBuilder(tracer.spanBuilder(name));
    }

    static SpanKind kind(Object tag) {
        return switch (String.valueOf(tag)) {
            case "server" -> SpanKind.SERVER;
            case "client" -> SpanKind.CLIENT;
            case "producer" -> SpanKind.PRODUCER;
            case "consumer" -> SpanKind.CONSUMER;
            default -> SpanKind.INTERNAL;
        };
    }

    private static final class KindSpanBuilder implements SpanBuilder {
        private final SpanBuilder delegate;

        KindSpanBuilder(SpanBuilder delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
            if (SPAN_KIND.equals(key.getKey())) {
                delegate.setSpanKind(kind(value));
            }
            delegate.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, String value) {
            if (SPAN_KIND.equals(key)) {
                delegate.setSpanKind(kind(value));
            }
            delegate.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setParent(Context context) {
            delegate.setParent(context);
            return this;
        }

        @Override
        public SpanBuilder setNoParent() {
            delegate.setNoParent();
            return this;
        }

        @Override
        public SpanBuilder addLink(SpanContext spanContext) {
            delegate.addLink(spanContext);
            return this;
        }

        @Override
        public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
            delegate.addLink(spanContext, attributes);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, long value) {
            delegate.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, double value) {
            delegate.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, boolean value) {
            delegate.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setSpanKind(SpanKind spanKind) {
            delegate.setSpanKind(spanKind);
            return this;
        }

        @Override
        public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
            delegate.setStartTimestamp(startTimestamp, unit);
            return this;
        }

        @Override
        public Span startSpan() {
            return delegate.startSpan();
        }
    }
}
