package io.chassis.core.internal.server;

import io.chassis.core.http.Handler;
import io.chassis.core.http.HttpProblem;
import io.undertow.server.HttpHandler;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.PathTemplateMatcher;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the router (one Undertow path matcher per method) from a route table, with problem answers for 404/405. A
 * 405 carries the template of the route whose method did not match (metrics tag {@code uri}, span
 * name, {@code Context.route()}); only a 404 is {@code UNMATCHED}.
 */
final class Router {

    private Router() {}

    static HttpHandler build(RouteTable table, Dispatcher dispatcher) {
        return build(table, dispatcher, RouteTable.Route::handler);
    }

    /** @param handlers the handler each route runs (its own, or guarded by the access rules) */
    static HttpHandler build(RouteTable table, Dispatcher dispatcher, Function<RouteTable.Route, Handler> handlers) {
        // One matcher per method (not Undertow's RoutingHandler, whose matcher of all methods refuses
        // GET /a/{x} next to DELETE /a/{y}); by shape, the methods each path allows, for a 405.
        Map<HttpString, PathTemplateMatcher<HttpHandler>> byMethod = new HashMap<>();
        Map<String, String> templateByShape = new LinkedHashMap<>();
        Map<String, TreeSet<String>> methodsByShape = new LinkedHashMap<>();
        for (RouteTable.Route route : table.routes()) {
            byMethod.computeIfAbsent(HttpString.tryFromString(route.method()), m -> new PathTemplateMatcher<>())
                    .add(
                            route.template(),
                            dispatcher.route(route.method() + " " + route.template(), handlers.apply(route)));
            String shape = RouteTable.shape(route.template());
            templateByShape.putIfAbsent(shape, route.template());
            methodsByShape.computeIfAbsent(shape, t -> new TreeSet<>()).add(route.method());
        }
        PathTemplateMatcher<String> allow = new PathTemplateMatcher<>();
        methodsByShape.forEach((shape, methods) -> allow.add(templateByShape.get(shape), String.join(", ", methods)));

        HttpHandler notFound = dispatcher.route("not found", Handler.nonBlocking(ctx -> {
            throw HttpProblem.notFound("No route matches " + ctx.method() + " " + ctx.path() + ".");
        }));
        HttpHandler methodNotAllowed = dispatcher.route("method not allowed", Handler.nonBlocking(ctx -> {
            PathTemplateMatch match = ctx.unsafeExchange().getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
            String allowed =
                    match instanceof PathTemplateMatcher.PathMatchResult<?> result ? (String) result.getValue() : "";
            ctx.responseHeader("Allow", allowed);
            throw new HttpProblem(
                    405,
                    "Method Not Allowed",
                    ctx.method() + " is not allowed on " + ctx.path() + ". Allowed: " + allowed + ".");
        }));
        return exchange -> {
            String path = exchange.getRelativePath();
            PathTemplateMatcher<HttpHandler> matcher = byMethod.get(exchange.getRequestMethod());
            PathTemplateMatcher.PathMatchResult<HttpHandler> match = matcher == null ? null : matcher.match(path);
            if (match != null) {
                exchange.putAttachment(PathTemplateMatch.ATTACHMENT_KEY, match);
                match.getValue().handleRequest(exchange);
                return;
            }
            // A route matched the path, only not the method: its template is attached, so that timers,
            // access log, filters and spans name the route, not UNMATCHED.
            PathTemplateMatcher.PathMatchResult<String> other = allow.match(path);
            if (other != null) {
                exchange.putAttachment(PathTemplateMatch.ATTACHMENT_KEY, other);
                methodNotAllowed.handleRequest(exchange);
            } else {
                notFound.handleRequest(exchange);
            }
        };
    }
}
