package io.chassis.core.internal.security;

import io.chassis.core.spi.ContextPropagator;

/**
 * The {@code Authorization} header of the request being served on this thread, kept while a
 * protected route's handler runs, for the named clients with {@code forward-token = true}. Never
 * logged, never in the MDC; carried to other threads by {@link #propagator()} like the MDC.
 */
public final class CallerToken {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private CallerToken() {}

    /** @return the current request's Authorization header; null outside a protected route */
    public static String current() {
        return CURRENT.get();
    }

    /**
     * @param token the Authorization header, or null
     * @return what was set before, for {@link #restore}
     */
    public static String set(String token) {
        String previous = CURRENT.get();
        if (token == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(token);
        }
        return previous;
    }

    /** @param previous what {@link #set} returned */
    public static void restore(String previous) {
        set(previous);
    }

    /** @return a propagator carrying the token to the threads context propagation wraps */
    public static ContextPropagator propagator() {
        return () -> {
            String captured = CURRENT.get();
            return () -> {
                String previous = set(captured);
                return () -> restore(previous);
            };
        };
    }
}
