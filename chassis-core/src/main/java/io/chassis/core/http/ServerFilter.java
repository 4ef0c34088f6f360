package io.chassis.core.http;

/**
 * Runs around every application request (including 404 and 405 answers), on the thread that runs
 * the handler. Call {@code next.proceed()} exactly once to continue, or answer yourself by throwing
 * {@link io.chassis.core.http.HttpProblem}.
 *
 * <p>For a handler that returns a {@code CompletionStage}, {@code proceed()} returns when the stage
 * is returned, not when it completes; use {@link Context#onComplete(Runnable)} to observe the end of
 * the exchange.
 */
@FunctionalInterface
public interface ServerFilter {

    /**
     * Filters one request.
     *
     * @param ctx the exchange
     * @param next the rest of the chain
     * @return the response body, usually what {@code next.proceed()} returned
     * @throws Exception mapped to a problem response
     */
    Object filter(Context ctx, Next next) throws Exception;

    /** The rest of the filter chain, ending in the route handler. */
    @FunctionalInterface
    interface Next {

        /**
         * Runs the next filter, or the handler.
         *
         * @return the response body the handler returned
         * @throws Exception whatever the rest of the chain throws
         */
        Object proceed() throws Exception;
    }
}
