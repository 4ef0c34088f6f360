package io.chassis.core;

/**
 * Thrown by {@link Chassis#start()} when the service is valid but cannot start: a port is taken, a
 * module's {@code start()} failed. Configuration problems throw {@code ConfigProblemsException}.
 */
public final class ChassisStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and how to fix it
     * @param cause the underlying failure
     */
    public ChassisStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
