package io.chassis.core.internal;

import io.chassis.core.http.Handler;
import io.chassis.core.http.ServerFilter;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.IOException;

/**
 * Undertow handler of one route: reads the (bounded) body on the IO thread, dispatches blocking
 * handlers to the worker pool or virtual threads, then runs filters and the handler.
 */
final class RouteHandler implements HttpHandler {

    private static final byte[] NO_BODY = new byte[0];

    private final Pipeline pipeline;
    private final Handler handler;
    private final boolean blocking;
    private final HttpHandler invokeWithoutBody;

    RouteHandler(Pipeline pipeline, Handler handler) {
        this.pipeline = pipeline;
        this.handler = handler;
        this.blocking = !(handler instanceof Handler.NonBlocking);
        this.invokeWithoutBody = exchange -> pipeline.invoke(exchange, handler, NO_BODY);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!hasBody(exchange)) {
            afterBody(exchange, NO_BODY);
            return;
        }
        if (exchange.getRequestContentLength() > pipeline.maxBodySize()) {
            pipeline.problems().send(exchange, 413, "Content Too Large", tooLarge());
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes(this::afterBody, this::bodyFailed);
    }

    private void afterBody(HttpServerExchange exchange, byte[] body) {
        if (!blocking || !exchange.isInIoThread()) {
            pipeline.invoke(exchange, handler, body);
            return;
        }
        // Requests without a body (most GETs) share one dispatch task instead of a lambda each.
        HttpHandler task = body == NO_BODY ? invokeWithoutBody : ex -> pipeline.invoke(ex, handler, body);
        if (pipeline.executor() == null) {
            exchange.dispatch(task);
        } else {
            exchange.dispatch(pipeline.executor(), task);
        }
    }

    private void bodyFailed(HttpServerExchange exchange, IOException e) {
        if (e instanceof RequestTooBigException) {
            pipeline.problems().send(exchange, 413, "Content Too Large", tooLarge());
        } else {
            pipeline.problems().send(exchange, 400, "Bad Request", "The request body could not be read.");
        }
    }

    private String tooLarge() {
        return "The request body exceeds the limit of " + pipeline.maxBodySize() + " bytes.";
    }

    private static boolean hasBody(HttpServerExchange exchange) {
        long length = exchange.getRequestContentLength();
        if (length >= 0) {
            return length > 0;
        }
        return exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    /** Walks the filters, then the handler; one instance per request. */
    static final class Chain implements ServerFilter.Next {
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
