package io.chassis.tracing.spi;

import io.chassis.tracing.PropagationFormat;
import io.chassis.tracing.internal.Propagation;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads a trace context from request headers in every {@link PropagationFormat} and writes it in
 * the configured ones. Backends plug it into their tracer's {@code extract}/{@code inject} for
 * {@code HTTP_HEADERS} and {@code TEXT_MAP}, so service code that calls {@code tracer.inject(..)}
 * writes the same headers as the Chassis HTTP client.
 *
 * <p>Reading tries W3C {@code traceparent}, then B3 single ({@code b3}), then B3 multi ({@code
 * X-B3-*}), then Jaeger ({@code uber-trace-id}); the first valid one wins. A malformed header is
 * logged at DEBUG and skipped: it never fails the request, at worst a new trace starts. Baggage is
 * read from W3C {@code baggage} and Jaeger {@code uberctx-*} headers.
 */
public interface TraceHeaders {

    /**
     * @param inject the formats to write, e.g. {@code [W3C, JAEGER]}
     * @return the codec
     */
    static TraceHeaders create(List<PropagationFormat> inject) {
        return new Propagation(inject);
    }

    /** @return the formats written by {@link #inject} */
    List<PropagationFormat> injectFormats();

    /**
     * Reads the caller's trace context.
     *
     * @param headers the request headers (names in any case)
     * @return the context, or null when no header carries a valid one
     */
    TraceContext extract(Iterable<? extends Map.Entry<String, String>> headers);

    /**
     * Writes a context in the configured formats.
     *
     * @param context the context of the span the call is made from
     * @param put receives header name and value
     */
    void inject(TraceContext context, BiConsumer<String, String> put);

    /** @return the names of the headers {@link #inject} may write, except {@code uberctx-*} */
    List<String> fields();
}
