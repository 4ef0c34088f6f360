package io.chassis.security.internal;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.chassis.core.spi.Authenticator.Rejected;

/**
 * The short, safe descriptions a caller sees for a rejected token ({@code error_description}); the
 * full reason goes to the debug log only.
 */
final class Rejections {

    static final String ERROR = "invalid_token";

    private Rejections() {}

    static Rejected of(String description) {
        return new Rejected(ERROR, description);
    }

    /**
     * @param e what nimbus threw while processing a token
     * @return the rejection to answer with
     */
    static Rejected of(Exception e) {
        return of(describe(e));
    }

    static String describe(Exception e) {
        if (e instanceof ExpiredJWTException) {
            return "token expired";
        }
        if (e instanceof BadJWSException) {
            return "signature invalid";
        }
        if (e instanceof JWKSetUnavailableException) {
            return "signing keys unavailable";
        }
        if (e instanceof KeySourceException) {
            // rate limited: the key set was fetched twice within min-refresh-interval already
            return "signing key not found";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof BadJWTException) {
            // DefaultJWTClaimsVerifier's messages (nimbus-jose-jwt 10.x); JwtAuthenticationIT pins each
            if (message.contains("aud claim")) {
                return "audience not accepted";
            }
            if (message.contains("before use time")) {
                return "token not yet valid";
            }
            if (message.contains("missing required claims")) {
                return "token lacks required claims";
            }
            if (message.contains("iss claim")) {
                return "issuer not accepted";
            }
            return "token not accepted";
        }
        if (message.contains("no matching key")) {
            return "signing key not found";
        }
        return "token not accepted";
    }
}
