package io.chassis.tracing.internal;

import io.opentracing.Span;
import io.opentracing.log.Fields;
import io.opentracing.tag.Tags;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * Marks a span as failed the OpenTracing way: tag {@code error=true}, and a log with the exception's
 * kind, message and stack trace as text (not {@code error.object}: jaeger-client's Zipkin converter
 * serialises log values by reflection, which a Throwable does not survive on Java 17).
 */
final class SpanErrors {

    private SpanErrors() {}

    static void record(Span span, Throwable error) {
        Tags.ERROR.set(span, true);
        span.log(Map.of(
                Fields.EVENT,
                "error",
                Fields.ERROR_KIND,
                error.getClass().getName(),
                Fields.STACK,
                stackTrace(error),
                Fields.MESSAGE,
                String.valueOf(error.getMessage())));
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
