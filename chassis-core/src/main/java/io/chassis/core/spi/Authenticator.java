package io.chassis.core.spi;

import io.chassis.core.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication scheme (JWT bearer tokens, API keys, an in-house scheme): turns the credentials
 * a request carries into a {@link Principal}. A module contributes it with {@link
 * ModuleContext#addAuthenticator}; core's access rules ask every authenticator in turn, on HTTP routes
 * and on gRPC calls alike, and decide from the principal whether the request may go on.
 *
 * <p>Called on the request path for every protected request: it must be thread-safe and fast (keys
 * cached), and must never block for long (a key fetch is bounded in time).
 */
public interface Authenticator {

    /**
     * @return the scheme named in a {@code WWW-Authenticate} challenge, e.g. {@code Bearer}
     */
    String scheme();

    /**
     * Reads this scheme's credentials from a request.
     *
     * @param credentials what the request carries
     * @return the principal, or empty when the request carries no credentials of this scheme
     * @throws Rejected when it carries credentials of this scheme that are not valid
     */
    Optional<Principal> authenticate(Credentials credentials);

    /** What a request carries that may prove who sent it. */
    interface Credentials {

        /**
         * @return {@code http} or {@code grpc}
         */
        String transport();

        /**
         * @param name a header (HTTP) or metadata key (gRPC), case-insensitive
         * @return its first value, or empty
         */
        Optional<String> header(String name);

        /**
         * @return the client certificate chain of an mTLS connection, leaf first; empty otherwise
         */
        List<X509Certificate> peerCertificates();
    }

    /**
     * Credentials of this scheme that are not valid: answered 401 on HTTP (with a challenge carrying
     * {@link #error()} and {@link #description()}) and {@code UNAUTHENTICATED} on gRPC.
     */
    final class Rejected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String error;

        /**
         * @param error the RFC 6750 error code, e.g. {@code invalid_token}
         * @param description safe to show to the caller: says what is wrong, never why in detail
         */
        public Rejected(String error, String description) {
            super(Objects.requireNonNull(description, "description"), null, false, false);
            this.error = Objects.requireNonNull(error, "error");
        }

        /** @return the RFC 6750 error code */
        public String error() {
            return error;
        }

        /** @return the description shown to the caller */
        public String description() {
            return getMessage();
        }
    }
}
