package io.chassis.core.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Outermost handler: fixes the request id, echoes it, and starts the access log clock. */
final class RequestIdHandler implements HttpHandler {

    private final HttpHandler next;
    private final AccessLog accessLog;

    /** @param accessLog null when the access log is switched off */
    RequestIdHandler(HttpHandler next, AccessLog accessLog) {
        this.next = next;
        this.accessLog = accessLog;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String id = RequestIds.acceptOrGenerate(exchange.getRequestHeaders().getFirst(RequestIds.HEADER));
        exchange.putAttachment(RequestIds.KEY, id);
        exchange.getResponseHeaders().put(RequestIds.HEADER, id);
        if (accessLog != null) {
            accessLog.track(exchange);
        }
        next.handleRequest(exchange);
    }
}
