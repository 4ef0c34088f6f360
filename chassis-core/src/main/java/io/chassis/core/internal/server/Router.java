package io.chassis.core.internal.server;

import io.chassis.core.http.Handler;
import io.chassis.core.http.HttpProblem;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.PathTemplateMatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Builds Undertow's {@link RoutingHandler} from a route table, with problem answers for 404/405. */
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
        routing.setInvalidMethodHandler(dispatcher.route(Handler.nonBlocking(ctx -> {
            PathTemplateMatcher.PathMatchResult<String> match = allow.match(ctx.path());
            String allowed = match == null ? "" : match.getValue();
            ctx.responseHeader("Allow", allowed);
            throw new HttpProblem(
                    405,
                    "Method Not Allowed",
                    ctx.method() + " is not allowed on " + ctx.path() + ". Allowed: " + allowed + ".");
        })));
        return routing;
    }
}
