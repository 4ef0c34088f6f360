package io.chassis.resilience;

import java.time.Duration;

/** A call decorated with {@link Resilience#decorate} took longer than its time limiter allows. */
public class ResilienceTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param name the profile's name
     * @param timeout the time limiter's timeout
     * @param cause resilience4j's timeout
     */
    public ResilienceTimeoutException(String name, Duration timeout, Throwable cause) {
        super("'" + name + "' did not finish within its time limit of " + timeout, cause);
    }
}
