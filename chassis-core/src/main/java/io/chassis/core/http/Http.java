package io.chassis.core.http;

/**
 * The application listener: routes and the filters around them.
 *
 * <pre>{@code
 * app.http()
 *         .filter(audit)
 *         .get("/orders/{id}", ctx -> orders.find(ctx.pathParam("id")))
 *         .post("/orders", ctx -> orders.create(ctx.status(201).body(NewOrder.class)));
 * }</pre>
 */
public interface Http extends Routes {

    /**
     * Adds a filter around every application request. The application's filters run in the order
     * added, inside those of every module (so tracing's span and load shedding wrap them): their log
     * lines carry the trace id, and a request they reject is still traced and timed.
     *
     * @param filter the filter
     * @return this
     * @throws NullPointerException when {@code filter} is null
     */
    Http filter(ServerFilter filter);

    /** {@inheritDoc} */
    @Override
    Http add(String method, String template, Handler handler);

    @Override
    default Http get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    @Override
    default Http post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    @Override
    default Http put(String template, Handler handler) {
        return add("PUT", template, handler);
    }

    @Override
    default Http patch(String template, Handler handler) {
        return add("PATCH", template, handler);
    }

    @Override
    default Http delete(String template, Handler handler) {
        return add("DELETE", template, handler);
    }

    @Override
    default Http head(String template, Handler handler) {
        return add("HEAD", template, handler);
    }
}
