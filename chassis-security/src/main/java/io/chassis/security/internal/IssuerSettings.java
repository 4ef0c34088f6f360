package io.chassis.security.internal;

import com.typesafe.config.ConfigMemorySize;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One issuer, {@code chassis.security.jwt.issuers.<name>} over {@code issuer-defaults}, as bound;
 * {@link Issuers} checks it and resolves its algorithms and keys.
 *
 * @param issuer the exact {@code iss} of its tokens; required (checked by {@link Issuers})
 * @param jwksUrl where its JWK set is published; empty when {@code keys} are configured
 * @param keys static keys: file paths, PEM text or JWK JSON
 * @param audiences accepted {@code aud} values
 * @param algorithms accepted JWS algorithm names
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param tokenTypes accepted JOSE {@code typ} values (a token without one is accepted)
 * @param subjectClaim the claim holding the subject
 * @param scopesClaim the claim holding the scopes
 * @param rolesClaim the claim holding the roles
 * @param jwks how the JWK set is retrieved
 */
record IssuerSettings(
        Optional<String> issuer,
        Optional<String> jwksUrl,
        List<String> keys,
        List<String> audiences,
        List<String> algorithms,
        Duration clockSkew,
        List<String> tokenTypes,
        String subjectClaim,
        String scopesClaim,
        String rolesClaim,
        Jwks jwks) {

    /**
     * {@code jwks}: nimbus-jose-jwt's JWKSourceBuilder settings.
     *
     * @param cacheLifetime how long a fetched set is used
     * @param refreshAhead refresh in the background this long before expiry; zero = off
     * @param refreshTimeout how long a request waits for another request's fetch
     * @param minRefreshInterval at most two fetches per this period
     * @param connectTimeout connect timeout of one fetch
     * @param readTimeout read timeout of one fetch
     * @param retry whether a failed fetch is tried once more
     * @param sizeLimit largest set accepted
     * @param outageTolerance how long the last set is used after it was fetched while fetches fail; zero = off
     */
    record Jwks(
            Duration cacheLifetime,
            Duration refreshAhead,
            Duration refreshTimeout,
            Duration minRefreshInterval,
            Duration connectTimeout,
            Duration readTimeout,
            boolean retry,
            ConfigMemorySize sizeLimit,
            Duration outageTolerance) {}

    /** @return the exact {@code iss}; only on a checked issuer */
    String iss() {
        return issuer.orElseThrow();
    }
}
