package io.chassis.core.internal.server;

import io.chassis.core.http.Handler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * Owns what happens between routing and the handler on one listener: the bounded body read on the
 * IO thread and the dispatch of blocking handlers to the worker pool or virtual threads.
 */
final class Dispatcher {

    private static final byte[] NO_BODY = new byte[0];

    private final Pipeline pipeline;
    private final ProblemWriter problems;
    private final Executor executor;
    private final long maxBodySize;

    /** @param executor where blocking handlers run; null for Undertow's worker pool */
    Dispatcher(Pipeline pipeline, ProblemWriter problems, Executor executor, long maxBodySize) {
        this.pipeline = pipeline;
        this.problems = problems;
        this.executor = executor;
        this.maxBodySize = maxBodySize;
    }

    /** @return the Undertow handler of one route */
    HttpHandler route(Handler handler) {
        return new Route(handler);
    }

    private final class Route implements HttpHandler {

        private final Handler handler;
        private final boolean blocking;
        private final HttpHandler invokeWithoutBody;

        Route(Handler handler) {
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
            if (exchange.getRequestContentLength() > maxBodySize) {
                problems.send(exchange, 413, "Content Too Large", tooLarge());
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
            if (executor == null) {
                exchange.dispatch(task);
            } else {
                exchange.dispatch(executor, task);
            }
        }

        private void bodyFailed(HttpServerExchange exchange, IOException e) {
            if (e instanceof RequestTooBigException) {
                problems.send(exchange, 413, "Content Too Large", tooLarge());
            } else {
                problems.send(exchange, 400, "Bad Request", "The request body could not be read.");
            }
        }
    }

    private String tooLarge() {
        return "The request body exceeds the limit of " + maxBodySize + " bytes.";
    }

    private static boolean hasBody(HttpServerExchange exchange) {
        long length = exchange.getRequestContentLength();
        if (length >= 0) {
            return length > 0;
        }
        return exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }
}
