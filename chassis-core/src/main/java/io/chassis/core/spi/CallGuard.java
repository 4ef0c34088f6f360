package io.chassis.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Protects this service from more calls than it should take, for transports core does not serve
 * itself (gRPC): a resilience module contributes one with {@link ModuleContext#addCallGuard}, a
 * transport module asks every guard before it runs a call, and closes the permit when the call ends.
 */
@FunctionalInterface
public interface CallGuard {

    /** Held while one call runs; closing it releases what the call took (e.g. a bulkhead slot). */
    @FunctionalInterface
    interface Permit extends AutoCloseable {

        /** A permit that holds nothing. */
        Permit NONE = () -> {};

        /** Releases the permit; called once, does not throw. */
        @Override
        void close();
    }

    /**
     * Lets one call in, or refuses it.
     *
     * @param transport e.g. {@code grpc}
     * @param operation e.g. {@code currency.v1.CurrencyService/GetRate}
     * @return the permit to close when the call ends
     * @throws Rejected when the call must not run now
     */
    Permit enter(String transport, String operation);

    /** A call refused by a guard; the transport answers it (gRPC: RESOURCE_EXHAUSTED or UNAVAILABLE). */
    final class Rejected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** Why a call was refused. */
        public enum Reason {
            /** A rate limit was reached: the caller sends too much. */
            RATE_LIMITED,
            /** Too many calls are in progress: the service is at capacity. */
            AT_CAPACITY,
            /** The called service is failing and a circuit breaker stopped calls to it for a while (clients only). */
            CIRCUIT_OPEN
        }

        private final Reason reason;
        private final Duration retryAfter;

        /**
         * @param reason why
         * @param retryAfter when the caller may try again
         * @param message safe to show to the caller
         */
        public Rejected(Reason reason, Duration retryAfter, String message) {
            super(message, null, false, false);
            this.reason = Objects.requireNonNull(reason, "reason");
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        }

        /** @return why the call was refused */
        public Reason reason() {
            return reason;
        }

        /** @return when the caller may try again */
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
