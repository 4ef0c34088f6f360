package io.chassis.core.internal.server;

import io.undertow.server.HttpHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * The headers every problem response and every admin response carries: {@code X-Content-Type-Options:
 * nosniff} (a browser never guesses another type than the one sent) and {@code Cache-Control:
 * no-store} (no cache keeps an error or an admin answer). Undertow sends no {@code Server} header,
 * and nothing in the chassis adds one.
 */
final class ResponseHygiene {

    static final HttpString X_CONTENT_TYPE_OPTIONS = HttpString.tryFromString("X-Content-Type-Options");
    static final String NOSNIFF = "nosniff";
    static final String NO_STORE = "no-store";
    /** The same two headers as raw HTTP/1.1 lines, for responses written past Undertow. */
    static final String RAW_LINES = "X-Content-Type-Options: " + NOSNIFF + "\r\nCache-Control: " + NO_STORE + "\r\n";

    private ResponseHygiene() {}

    static void apply(HeaderMap headers) {
        headers.put(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
        headers.put(Headers.CACHE_CONTROL, NO_STORE);
    }

    /** @return {@code next}, with the two headers set on every response before it runs */
    static HttpHandler everyResponse(HttpHandler next) {
        return exchange -> {
            apply(exchange.getResponseHeaders());
            next.handleRequest(exchange);
        };
    }
}
