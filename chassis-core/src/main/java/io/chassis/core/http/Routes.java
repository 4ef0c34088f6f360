package io.chassis.core.http;

/**
 * Collects routes: an HTTP method, a path template and a handler.
 *
 * <p>Templates use Undertow's syntax: literal segments and {@code {name}} parameters, e.g. {@code
 * /orders/{id}}. Adding the same method and template twice is a coding error.
 */
public interface Routes {

    /**
     * Adds a route.
     *
     * @param method the HTTP method, e.g. {@code GET}
     * @param template the path template, starting with {@code /}
     * @param handler the handler
     * @return this, for chaining
     * @throws IllegalArgumentException if the template does not start with {@code /} or the route
     *     is already defined
     */
    Routes add(String method, String template, Handler handler);

    /**
     * Adds a {@code GET} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this, for chaining
     */
    default Routes get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    /**
     * Adds a {@code POST} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this, for chaining
     */
    default Routes post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    /**
     * Adds a {@code PUT} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this, for chaining
     */
    default Routes put(String template, Handler handler) {
        return add("PUT", template, handler);
    }

    /**
     * Adds a {@code PATCH} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this, for chaining
     */
    default Routes patch(String template, Handler handler) {
        return add("PATCH", template, handler);
    }

    /**
     * Adds a {@code DELETE} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this, for chaining
     */
    default Routes delete(String template, Handler handler) {
        return add("DELETE", template, handler);
    }

    /**
     * Adds a {@code HEAD} route (a {@code GET} route does not answer {@code HEAD} by itself).
     *
     * @param template the path template
     * @param handler the handler
     * @return this, for chaining
     */
    default Routes head(String template, Handler handler) {
        return add("HEAD", template, handler);
    }
}
