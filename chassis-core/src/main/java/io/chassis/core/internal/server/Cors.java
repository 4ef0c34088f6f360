package io.chassis.core.internal.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.PathTemplateMatcher;
import java.util.HashSet;
import java.util.Set;

/**
 * CORS on the application listener, between {@link RequestLifecycle} and {@link Router}; installed
 * only when {@code chassis.http.cors.enabled}. A request without {@code Origin} costs one header
 * lookup. A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 * on a path some route has is answered 204 here and never reaches a handler; on a path no route has it
 * goes on to the router's 404. An allowed origin gets the CORS headers (all precomputed but the echoed
 * origin); a disallowed one gets none and the normal response: the browser then keeps the answer from
 * the page, which is the refusal.
 */
final class Cors implements HttpHandler {

    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_CREDENTIALS = HttpString.tryFromString("Access-Control-Allow-Credentials");
    private static final HttpString ALLOW_METHODS = HttpString.tryFromString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = HttpString.tryFromString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = HttpString.tryFromString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");
    private static final HttpString REQUEST_METHOD = HttpString.tryFromString("Access-Control-Request-Method");
    private static final HttpString REQUEST_HEADERS = HttpString.tryFromString("Access-Control-Request-Headers");
    private static final String VARY_PREFLIGHT =
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private final HttpHandler next;
    private final PathTemplateMatcher<String> paths = new PathTemplateMatcher<>();
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final boolean credentials;
    private final String allowMethods;
    /** Null: echo the headers the preflight asks for ({@code *}). */
    private final String allowHeaders;
    /** Null when none are exposed. */
    private final String exposeHeaders;

    private final String maxAge;

    Cors(CorsSettings settings, RouteTable routes, HttpHandler next) {
        this.next = next;
        Set<String> shapes = new HashSet<>();
        for (RouteTable.Route route : routes.routes()) {
            if (shapes.add(RouteTable.shape(route.template()))) {
                paths.add(route.template(), route.template());
            }
        }
        this.anyOrigin = settings.allowedOrigins().contains("*");
        this.origins = Set.copyOf(settings.allowedOrigins());
        this.credentials = settings.allowCredentials();
        this.allowMethods = String.join(", ", settings.allowedMethods());
        this.allowHeaders =
                settings.allowedHeaders().contains("*") ? null : String.join(", ", settings.allowedHeaders());
        this.exposeHeaders = settings.exposedHeaders().isEmpty() ? null : String.join(", ", settings.exposedHeaders());
        this.maxAge = Long.toString(settings.maxAge().toSeconds());
    }

    /** @return {@code next} behind CORS, or {@code next} itself when CORS is off */
    static HttpHandler wrap(CorsSettings settings, RouteTable routes, HttpHandler next) {
        return settings == null || !settings.enabled() ? next : new Cors(settings, routes, next);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap request = exchange.getRequestHeaders();
        String origin = request.getFirst(Headers.ORIGIN);
        if (origin == null) {
            next.handleRequest(exchange);
            return;
        }
        boolean allowed = anyOrigin || origins.contains(origin);
        HeaderMap response = exchange.getResponseHeaders();
        if (Methods.OPTIONS.equals(exchange.getRequestMethod()) && request.contains(REQUEST_METHOD)) {
            PathTemplateMatcher.PathMatchResult<String> match = paths.match(exchange.getRelativePath());
            if (match != null) {
                preflight(exchange, match, allowed, origin);
                return;
            }
        } else if (allowed) {
            allowOrigin(response, origin);
            if (exposeHeaders != null) {
                response.put(EXPOSE_HEADERS, exposeHeaders);
            }
        }
        if (!anyOrigin) {
            response.add(Headers.VARY, Headers.ORIGIN_STRING); // the answer depends on the origin
        }
        next.handleRequest(exchange);
    }

    private void preflight(
            HttpServerExchange exchange,
            PathTemplateMatcher.PathMatchResult<String> match,
            boolean allowed,
            String origin) {
        exchange.putAttachment(PathTemplateMatch.ATTACHMENT_KEY, match); // timers and access log name the route
        HeaderMap response = exchange.getResponseHeaders();
        response.add(Headers.VARY, VARY_PREFLIGHT);
        if (allowed) {
            allowOrigin(response, origin);
            response.put(ALLOW_METHODS, allowMethods);
            String headers = allowHeaders != null
                    ? allowHeaders
                    : exchange.getRequestHeaders().getFirst(REQUEST_HEADERS);
            if (headers != null && !headers.isEmpty()) {
                response.put(ALLOW_HEADERS, headers);
            }
            response.put(MAX_AGE, maxAge);
        }
        if (exchange.getRequestContentLength() > 0
                || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)) {
            exchange.setPersistent(false); // a body is not read: it must not be taken for the next request
        }
        exchange.setStatusCode(204);
        ConnectionTracker.lastResponseIfClosing(exchange);
        exchange.endExchange();
    }

    private void allowOrigin(HeaderMap response, String origin) {
        response.put(ALLOW_ORIGIN, anyOrigin ? "*" : origin);
        if (credentials) {
            response.put(ALLOW_CREDENTIALS, "true");
        }
    }
}
