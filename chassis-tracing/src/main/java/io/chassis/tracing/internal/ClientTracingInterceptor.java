package io.chassis.tracing.internal;

import io.chassis.core.spi.ClientInterceptor;
import io.opentracing.Scope;
import io.opentracing.Span;
import io.opentracing.Tracer;
import io.opentracing.propagation.Format;
import io.opentracing.propagation.TextMapAdapter;
import io.opentracing.tag.Tags;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client span per call, named {@code METHOD /uri/{template}} as the caller wrote the URI, tagged
 * {@code peer.service} with the client's name (per attempt, when an outer interceptor retries), a child of the active
 * span, with the context written into the outgoing headers in the configured formats.
 */
public final class ClientTracingInterceptor implements ClientInterceptor {

    private static final String PEER_SERVICE = Tags.PEER_SERVICE.getKey();

    private final TracingRuntime runtime;

    /** @param runtime where the tracer is found once the service started */
    public ClientTracingInterceptor(TracingRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HttpResponse<byte[]> intercept(Chain chain) throws IOException, InterruptedException {
        Tracer tracer = runtime.tracer();
        if (tracer == null) {
            return chain.proceed(chain.request());
        }
        HttpRequest request = chain.request();
        Span span = start(tracer, request, request.method() + ' ' + chain.uriTemplate(), chain.client());
        try (Scope ignored = tracer.activateSpan(span)) {
            HttpResponse<byte[]> response = chain.proceed(withContext(tracer, span, request));
            Tags.HTTP_STATUS.set(span, response.statusCode());
            if (response.statusCode() >= 500) {
                Tags.ERROR.set(span, true);
            }
            return response;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            SpanErrors.record(span, e);
            throw e;
        } finally {
            span.finish();
        }
    }

    private static Span start(Tracer tracer, HttpRequest request, String operation, String client) {
        URI uri = request.uri();
        return tracer.buildSpan(operation)
                .withTag(PEER_SERVICE, client)
                .withTag(Tags.SPAN_KIND, Tags.SPAN_KIND_CLIENT)
                .withTag(Tags.COMPONENT, "chassis-http-client")
                .withTag(Tags.HTTP_METHOD, request.method())
                .withTag(Tags.HTTP_URL, withoutQuery(uri))
                .withTag(Tags.PEER_HOSTNAME, uri.getHost())
                .withTag(Tags.PEER_PORT, uri.getPort())
                .start();
    }

    private static HttpRequest withContext(Tracer tracer, Span span, HttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        tracer.inject(span.context(), Format.Builtin.HTTP_HEADERS, new TextMapAdapter(headers));
        // drops the headers of an earlier attempt: each attempt carries its own span
        HttpRequest.Builder copy =
                HttpRequest.newBuilder(request, (name, value) -> !TraceHeaderNames.isTraceHeader(name));
        headers.forEach(copy::setHeader);
        return copy.build();
    }

    private static String withoutQuery(URI uri) {
        String s = uri.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }
}
