package io.chassis.core.internal.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.http.Handler;
import io.chassis.core.http.HttpProblem;
import io.chassis.core.http.ServerFilter;
import io.chassis.core.internal.RequestIds;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Filters, handler, response: runs the filters and the handler of one exchange on the thread
 * {@link Dispatcher} chose, and turns the outcome into a JSON or problem response.
 */
final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.core.http");

    private final ObjectMapper mapper;
    private final ProblemWriter problems;
    private final ServerFilter[] filters;
    private final ClientFailures clientFailures;

    Pipeline(ObjectMapper mapper, ProblemWriter problems, List<ServerFilter> filters, Duration retryAfter) {
        this.mapper = mapper;
        this.problems = problems;
        this.filters = filters.toArray(new ServerFilter[0]);
        this.clientFailures = new ClientFailures(retryAfter);
    }

    /** Runs on the handler's thread with {@code request_id} in the MDC for exactly that long. */
    void invoke(HttpServerExchange exchange, Handler handler, byte[] body) {
        invoke(exchange, handler, body, null);
    }

    /**
     * Like {@link #invoke(HttpServerExchange, Handler, byte[])}, with the filters and the handler
     * observed by the route's learning.
     *
     * @param learning null for no observing
     */
    void invoke(HttpServerExchange exchange, Handler handler, byte[] body, LearnedDispatch learning) {
        ExchangeContext ctx = new ExchangeContext(exchange, mapper, body);
        MDC.put(RequestIds.MDC_KEY, ctx.requestId());
        try {
            Object result = learning == null ? call(handler, ctx) : learning.observe(ctx, () -> call(handler, ctx));
            if (result instanceof CompletionStage<?> stage) {
                exchange.dispatch(
                        SameThreadExecutor.INSTANCE,
                        () -> stage.whenComplete((value, error) -> complete(ctx, value, error)));
            } else {
                respond(ctx, result);
            }
        } catch (Throwable t) {
            Map<String, String> previous = ExchangeMdc.apply(exchange);
            try {
                fail(ctx, t);
            } finally {
                ExchangeMdc.restore(previous);
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private Object call(Handler handler, ExchangeContext ctx) throws Exception {
        return filters.length == 0 ? handler.handle(ctx) : new Chain(filters, handler, ctx).proceed();
    }

    private void complete(ExchangeContext ctx, Object value, Throwable error) {
        MDC.put(RequestIds.MDC_KEY, ctx.requestId());
        Map<String, String> previous = ExchangeMdc.apply(ctx.unsafeExchange());
        try {
            if (error == null) {
                respond(ctx, value);
            } else {
                fail(ctx, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        } catch (Throwable t) {
            fail(ctx, t);
        } finally {
            ExchangeMdc.restore(previous);
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private void respond(ExchangeContext ctx, Object value) throws Exception {
        HttpServerExchange exchange = ctx.unsafeExchange();
        if (exchange.isResponseStarted() || exchange.isComplete()) {
            return; // the handler wrote the response itself
        }
        if (value == null) {
            exchange.setStatusCode(ctx.status() == 200 ? 204 : ctx.status());
            ConnectionTracker.lastResponseIfClosing(exchange);
            exchange.endExchange();
            return;
        }
        byte[] json = mapper.writeValueAsBytes(value);
        exchange.setStatusCode(ctx.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ConnectionTracker.lastResponseIfClosing(exchange);
        exchange.getResponseSender().send(ByteBuffer.wrap(json));
    }

    private void fail(ExchangeContext ctx, Throwable t) {
        HttpServerExchange exchange = ctx.unsafeExchange();
        if (t instanceof HttpProblem p) {
            send(exchange, p);
            return;
        }
        HttpProblem mapped = clientFailures.problem(t);
        if (mapped != null) {
            // an expected failure of a dependency: one line, no stack trace
            LOG.warn(
                    "{} {} answered {}: {}",
                    ctx.method(),
                    ctx.route() == null ? ctx.path() : ctx.route(),
                    mapped.status(),
                    t.getMessage());
            send(exchange, mapped);
            return;
        }
        LOG.error("Unhandled exception in {} {}", ctx.method(), ctx.route() == null ? ctx.path() : ctx.route(), t);
        problems.send(
                exchange,
                500,
                "Internal Server Error",
                "The server failed to handle the request. Quote request id " + ctx.requestId() + " when reporting it.");
    }

    private void send(HttpServerExchange exchange, HttpProblem p) {
        if (!p.headers().isEmpty() && !exchange.isResponseStarted()) {
            p.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
        }
        problems.send(exchange, p.status(), p.title(), p.detail(), p.members());
    }

    /** Walks the filters, then the handler; one instance per request. */
    private static final class Chain implements ServerFilter.Next {
        private final ServerFilter[] filters;
        private final Handler handler;
        private final ExchangeContext ctx;
        private int next;

        Chain(ServerFilter[] filters, Handler handler, ExchangeContext ctx) {
            this.filters = filters;
            this.handler = handler;
            this.ctx = ctx;
        }

        @Override
        public Object proceed() throws Exception {
            int i = next++;
            return i < filters.length ? filters[i].filter(ctx, this) : handler.handle(ctx);
        }
    }
}
