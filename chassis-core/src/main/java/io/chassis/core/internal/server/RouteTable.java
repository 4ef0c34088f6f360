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
        String key = m + " " + shape(template);
        if (!keys.add(key)) {
            String first = routes.stream()
                    .filter(r -> (r.method() + " " + shape(r.template())).equals(key))
                    .map(Route::template)
                    .findFirst()
                    .orElse(template);
            throw new IllegalArgumentException(
                    first.equals(template)
                            ? "route " + m + " " + template + " is defined twice. Remove one of them."
                            : "route " + m + " " + template + " matches the same paths as " + m + " " + first
                                    + ". Remove one of them or make their literal segments differ.");
        }
        routes.add(new Route(m, template, handler));
        return this;
    }

    /**
     * @param template a route template
     * @return the template with its parameter names left out: {@code /a/{x}} and {@code /a/{y}} match the same paths
     */
    public static String shape(String template) {
        StringBuilder out = new StringBuilder(template.length());
        boolean inParam = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                inParam = true;
                out.append("{}");
            } else if (c == '}') {
                inParam = false;
            } else if (!inParam) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** @return the routes in the order they were added */
    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
