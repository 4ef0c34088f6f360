package io.chassis.tracing.internal;

import io.opentracing.Span;
import io.opentracing.log.Fields;
import io.opentracing.tag.Tags;
import java.util.Map;

/** Marks a span as failed the OpenTracing way: tag {@code error=true}, and the exception as a log. */
final class SpanErrors {

    private SpanErrors() {}

    static void record(Span span, Throwable error) {
        Tags.ERROR.set(span, true);
        span.log(Map.of(
                Fields.EVENT,
                "error",
                Fields.ERROR_KIND,
                error.getClass().getName(),
                Fields.ERROR_OBJECT,
                error,
                Fields.MESSAGE,
                String.valueOf(error.getMessage())));
    }
}
