package io.chassis.core.internal.server;

import io.chassis.core.http.Handler;
import io.chassis.core.http.Routes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Collects routes before the server starts; not thread-safe, used during configuration only. */
public final class RouteTable implements Routes {

    /**
     * One route.
     *
     * @param method upper-case HTTP method
     * @param template path template
     * @param handler the handler
     */
    public record Route(String method, String template, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    @Override
    public Routes add(String method, String template, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        String m = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("route template must start with '/', but was '" + template + "'");
        }
        if (!keys.add(m + " " + template)) {
            throw new IllegalArgumentException(
                    "route " + m + " " + template + " is defined twice. Remove one of them.");
        }
        routes.add(new Route(m, template, handler));
        return this;
    }

    /** @return the routes in the order they were added */
    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
