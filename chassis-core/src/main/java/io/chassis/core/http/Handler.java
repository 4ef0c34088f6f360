package io.chassis.core.http;

/**
 * Handles one HTTP request.
 *
 * <p>The returned value is the response body, written as JSON with the shared {@code ObjectMapper}
 * (status 200 unless {@link Context#status(int)} set another). Returning {@code null} sends
 * {@code 204 No Content} unless the handler already wrote a response. Returning a {@link
 * java.util.concurrent.CompletionStage} sends its value once it completes.
 *
 * <p>Which thread runs a handler: one wrapped with {@link #blocking(Handler)} always runs off the IO
 * thread, on the worker pool (or on a virtual thread when {@code chassis.http.virtual-threads} is on);
 * one wrapped with {@link #nonBlocking(Handler)} always runs on the IO thread, so it must never block,
 * and should return a {@code CompletionStage} for anything slow. Any other handler starts off the IO
 * thread; with {@code chassis.http.dispatch.mode = adaptive} (the default) its route moves to the IO
 * thread once its first calls showed that it never waits and is quick (saving a thread hand-off per
 * request), and moves back if one call there holds the IO thread blocked or busy for {@code
 * chassis.http.dispatch.io-thread-budget} (to be learned again; the third time for good). Mark a
 * handler blocking when it may block rarely, e.g. on a cache miss, so that it is never moved.
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

    /**
     * Marks a handler as blocking so it always runs off the IO thread, never moved there by adaptive
     * dispatch.
     *
     * @param handler a handler that may block
     * @return a handler the server always dispatches to a worker (or virtual) thread
     */
    static Handler blocking(Handler handler) {
        if (handler instanceof Blocking) {
            return handler;
        }
        return (Blocking) handler::handle;
    }

    /** Marker for handlers that run on the IO thread; create one with {@link #nonBlocking}. */
    @FunctionalInterface
    interface NonBlocking extends Handler {}

    /** Marker for handlers that always run off the IO thread; create one with {@link #blocking}. */
    @FunctionalInterface
    interface Blocking extends Handler {}
}
