package io.chassis.core.http;

/**
 * Handles one HTTP request.
 *
 * <p>The returned value is the response body, written as JSON with the shared {@code ObjectMapper}
 * (status 200 unless {@link Context#status(int)} set another). Returning {@code null} sends
 * {@code 204 No Content} unless the handler already wrote a response. Returning a {@link
 * java.util.concurrent.CompletionStage} sends its value once it completes.
 *
 * <p>By default a handler is blocking: it runs off the IO thread (on the worker pool, or on a
 * virtual thread when {@code chassis.http.virtual-threads} is on). Wrap it with {@link
 * #nonBlocking(Handler)} to run it on the IO thread; such a handler must never block, and should
 * return a {@code CompletionStage} for anything slow.
 *
 * <p>Throw {@link HttpProblem} to answer with a specific status; any other exception becomes a
 * {@code 500} problem response (the stack trace is logged, never sent).
 */
@FunctionalInterface
public interface Handler {

    /**
     * Handles the request.
     *
     * @param ctx the request and response of this exchange
     * @return the response body (serialized as JSON), a {@code CompletionStage} of it, or null
     * @throws Exception anything; mapped to a problem response
     */
    Object handle(Context ctx) throws Exception;

    /**
     * Marks a handler as non-blocking so it runs on the IO thread.
     *
     * @param handler a handler that never blocks
     * @return a handler the server will not dispatch to a worker thread
     */
    static Handler nonBlocking(Handler handler) {
        if (handler instanceof NonBlocking) {
            return handler;
        }
        return (NonBlocking) handler::handle;
    }

    /** Marker for handlers that run on the IO thread; create one with {@link #nonBlocking}. */
    @FunctionalInterface
    interface NonBlocking extends Handler {}
}
