package io.chassis.core.internal.server;

import io.chassis.core.http.Handler;
import io.chassis.core.http.HttpProblem;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.PathTemplateMatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds Undertow's {@link RoutingHandler} from a route table, with problem answers for 404/405. A
 * 405 carries the template of the route whose method did not match (metrics tag {@code uri}, span
 * name, {@code Context.route()}); only a 404 is {@code UNMATCHED}.
 */
final class Router {

    private Router() {}

    static HttpHandler build(RouteTable table, Dispatcher dispatcher) {
        RoutingHandler routing = new RoutingHandler(false); // keep path params out of query params
        Map<String, TreeSet<String>> methodsByTemplate = new LinkedHashMap<>();
        for (RouteTable.Route route : table.routes()) {
            routing.add(route.method(), route.template(), dispatcher.route(route.handler()));
            methodsByTemplate
                    .computeIfAbsent(route.template(), t -> new TreeSet<>())
                    .add(route.method());
        }
        PathTemplateMatcher<String> allow = new PathTemplateMatcher<>();
        methodsByTemplate.forEach((template, methods) -> allow.add(template, String.join(", ", methods)));

        routing.setFallbackHandler(dispatcher.route(Handler.nonBlocking(ctx -> {
            throw HttpProblem.notFound("No route matches " + ctx.method() + " " + ctx.path() + ".");
        })));
        HttpHandler methodNotAllowed = dispatcher.route(Handler.nonBlocking(ctx -> {
            PathTemplateMatch match = ctx.unsafeExchange().getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
            String allowed =
                    match instanceof PathTemplateMatcher.PathMatchResult<?> result ? (String) result.getValue() : "";
            ctx.responseHeader("Allow", allowed);
            throw new HttpProblem(
                    405,
                    "Method Not Allowed",
                    ctx.method() + " is not allowed on " + ctx.path() + ". Allowed: " + allowed + ".");
        }));
        // A route matched the path, only not the method: attach its template the way RoutingHandler does
        // for a match, so that timers, access log, filters and spans name the route, not UNMATCHED.
        routing.setInvalidMethodHandler(exchange -> {
            PathTemplateMatcher.PathMatchResult<String> match = allow.match(exchange.getRelativePath());
            if (match != null) {
                exchange.putAttachment(PathTemplateMatch.ATTACHMENT_KEY, match);
            }
            methodNotAllowed.handleRequest(exchange);
        });
        return routing;
    }
}
