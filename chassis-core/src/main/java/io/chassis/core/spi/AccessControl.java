package io.chassis.core.spi;

import io.chassis.core.security.Principal;
import java.util.Objects;

/**
 * Core's access rules ({@code chassis.access}) for transports core does not serve itself (gRPC): a
 * transport module resolves the {@link Policy} of each operation once at startup, from a {@code
 * checkAfterConfiguration} check, and asks it on every call. Rules are matched most specific first;
 * a rule that matches no HTTP route and no operation resolved by then is a startup problem.
 */
public interface AccessControl {

    /**
     * The policy of one operation, resolved once at startup.
     *
     * @param transport e.g. {@code grpc}
     * @param operation e.g. {@code currency.v1.CurrencyService/GetRate}
     * @return the policy the most specific matching rule (or the default) gives it
     */
    Policy policy(String transport, String operation);

    /**
     * @param subject a principal's subject
     * @return how it appears in the MDC ({@code subject}) and on access lines, by {@code
     *     chassis.access.subject-in-logs}: as it is, hashed, or null for not at all
     */
    String subjectForLogs(String subject);

    /**
     * @return the {@code Authorization} header of the protected HTTP request being served on this
     *     thread (for clients that forward it); null outside one
     */
    String callerAuthorization();

    /** What one operation requires; thread-safe. */
    interface Policy {

        /** @return true when the operation is open to anyone (no authenticator is asked) */
        boolean isPublic();

        /**
         * Checks one request.
         *
         * @param credentials what the request carries
         * @return who made it; null for a public operation
         * @throws Denied when the request must not go on
         */
        Principal check(Authenticator.Credentials credentials);
    }

    /**
     * A request refused by the access rules: 401/403 on HTTP, {@code UNAUTHENTICATED}/{@code
     * PERMISSION_DENIED} on gRPC.
     */
    final class Denied extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** Why a request was refused. */
        public enum Reason {
            /** No valid credentials: the caller must authenticate. */
            UNAUTHENTICATED,
            /** Valid credentials without the scopes or roles the operation needs. */
            FORBIDDEN
        }

        private final Reason reason;
        private final String challenge;

        /**
         * @param reason why
         * @param challenge the {@code WWW-Authenticate} value an HTTP answer carries
         * @param message safe to show to the caller
         */
        public Denied(Reason reason, String challenge, String message) {
            super(Objects.requireNonNull(message, "message"), null, false, false);
            this.reason = Objects.requireNonNull(reason, "reason");
            this.challenge = Objects.requireNonNull(challenge, "challenge");
        }

        /** @return why the request was refused */
        public Reason reason() {
            return reason;
        }

        /** @return the {@code WWW-Authenticate} value */
        public String challenge() {
            return challenge;
        }
    }
}
