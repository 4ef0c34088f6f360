package io.chassis.tracing.internal;

import io.chassis.core.http.Context;
import io.chassis.core.http.HttpProblem;
import io.chassis.core.http.ServerFilter;
import io.opentracing.Scope;
import io.opentracing.Span;
import io.opentracing.SpanContext;
import io.opentracing.Tracer;
import io.opentracing.propagation.Format;
import io.opentracing.tag.Tags;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server span per request: named {@code METHOD /route/{template}} ({@code METHOD UNMATCHED}
 * for 404/405), a child of the caller's context, active (with the ids in the MDC) while filters and
 * handler run, finished when the exchange completes, with the status tagged.
 */
public final class ServerTracingFilter implements ServerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTracingFilter.class);
    private static final String COMPONENT = "chassis";

    private final TracingRuntime runtime;

    /** @param runtime where the tracer is found once the service started */
    public ServerTracingFilter(TracingRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Object filter(Context ctx, Next next) throws Exception {
        Tracer tracer = runtime.tracer();
        if (tracer == null) {
            return next.proceed();
        }
        HttpServerExchange exchange = ctx.unsafeExchange();
        Span span = start(tracer, ctx, exchange);
        String traceId = MdcScopeManager.TraceIds.traceId(span);
        ctx.mdc(MdcScopeManager.TraceIds.TRACE_ID, traceId);
        ctx.mdc(MdcScopeManager.TraceIds.SPAN_ID, MdcScopeManager.TraceIds.spanId(span));
        if (runtime.responseHeader() != null) {
            ctx.responseHeader(runtime.responseHeader(), traceId);
        }
        ctx.onComplete(() -> finish(span, exchange.getStatusCode()));
        try (Scope ignored = tracer.activateSpan(span)) {
            Object result = next.proceed();
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> {
                    if (error != null) {
                        SpanErrors.record(span, error);
                    }
                });
            }
            return result;
        } catch (HttpProblem p) {
            if (p.status() >= 500) {
                SpanErrors.record(span, p);
            }
            throw p;
        } catch (Exception | Error e) {
            SpanErrors.record(span, e);
            throw e;
        }
    }

    private static Span start(Tracer tracer, Context ctx, HttpServerExchange exchange) {
        String method = ctx.method();
        String route = ctx.route();
        Tracer.SpanBuilder builder = tracer.buildSpan(method + ' ' + (route == null ? "UNMATCHED" : route))
                .ignoreActiveSpan()
                .withTag(Tags.SPAN_KIND, Tags.SPAN_KIND_SERVER)
                .withTag(Tags.COMPONENT, COMPONENT)
                .withTag(Tags.HTTP_METHOD, method)
                .withTag(Tags.HTTP_URL, exchange.getRequestURL());
        SpanContext parent = parent(tracer, exchange);
        if (parent != null) {
            builder.asChildOf(parent);
        }
        return builder.start();
    }

    private static SpanContext parent(Tracer tracer, HttpServerExchange exchange) {
        try {
            return tracer.extract(Format.Builtin.HTTP_HEADERS, new ExchangeHeaders(exchange.getRequestHeaders()));
        } catch (RuntimeException e) {
            LOG.debug("Ignoring the incoming trace context: {}", e.toString());
            return null;
        }
    }

    private static void finish(Span span, int status) {
        Tags.HTTP_STATUS.set(span, status);
        if (status >= 500) {
            Tags.ERROR.set(span, true);
        }
        span.finish();
    }
}
