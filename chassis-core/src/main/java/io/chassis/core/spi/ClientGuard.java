package io.chassis.core.spi;

import java.util.Optional;

/**
 * Protects the calls that named clients of other transports make (gRPC channels), the way a {@link
 * ClientExtension} protects core's HTTP clients: a resilience module contributes one with {@link
 * ModuleContext#addClientGuard}, a transport module asks it once per client for that client's
 * protection and then enters it around every call. Retries are not a guard's business: the
 * transport retries by its own mechanism, so that there is one.
 */
@FunctionalInterface
public interface ClientGuard {

    /**
     * Builds the protection of one client from its configuration section.
     *
     * @param transport e.g. {@code grpc}
     * @param client the client's name, e.g. {@code rates}
     * @param path the client's section, e.g. {@code chassis.grpc.clients.rates}; the guard reads its
     *     own key below it
     * @return the client's protection, or empty when its section asks for none
     * @throws io.chassis.config.ConfigProblemsException when the section names things that do not
     *     exist or sets what this transport does not support
     */
    Optional<Guarded> forClient(String transport, String client, String path);

    /** The protection of one client. */
    @FunctionalInterface
    interface Guarded {

        /**
         * Lets one call through, or refuses it.
         *
         * @param operation e.g. {@code currency.v1.CurrencyService/GetRate}
         * @return what to tell when the call ends
         * @throws CallGuard.Rejected when the call must not be made now (a breaker is open, a
         *     bulkhead is full, a rate limit is reached)
         */
        Attempt enter(String operation);
    }

    /** One call let through; ended exactly once. */
    @FunctionalInterface
    interface Attempt {

        /**
         * The call ended.
         *
         * @param failure whether it counts as a failure of the called service (a circuit breaker
         *     opens on those); a refused or invalid request is not one
         * @param cause what failed, when {@code failure}; else null
         */
        void ended(boolean failure, Throwable cause);
    }
}
