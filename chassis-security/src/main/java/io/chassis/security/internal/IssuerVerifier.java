package io.chassis.security.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.chassis.core.security.Principal;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the tokens of one issuer: one nimbus {@link DefaultJWTProcessor}, built at startup, with
 * a {@link JWSVerificationKeySelector} over the allowed algorithms (so a token's {@code alg} outside
 * the list, HMAC ones included, never gets a key) and the claims rules. Thread-safe.
 */
final class IssuerVerifier implements Closeable {

    static final String SCHEME = "bearer";

    private final Issuer issuer;
    private final RemoteKeys remote;
    private final JWSKeySelector<SecurityContext> keySelector;
    private final DefaultJWTProcessor<SecurityContext> processor;

    IssuerVerifier(Issuer issuer, Clock clock) {
        this.issuer = issuer;
        this.remote = issuer.jwksUrl() == null ? null : new RemoteKeys(issuer);
        JWKSource<SecurityContext> keys = remote == null ? new LocalKeys(issuer.keys()) : remote.source();
        this.keySelector = new JWSVerificationKeySelector<>(issuer.algorithms(), keys);
        IssuerSettings s = issuer.settings();
        Set<String> required = new HashSet<>(Set.of(JWTClaimNames.ISSUER, JWTClaimNames.EXPIRATION_TIME));
        required.add(s.subjectClaim());
        ClockedClaimsVerifier claims = new ClockedClaimsVerifier(
                Set.copyOf(s.audiences()),
                new JWTClaimsSet.Builder().issuer(s.iss()).build(),
                required,
                clock);
        claims.setMaxClockSkew((int) s.clockSkew().toSeconds());
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keySelector);
        processor.setJWTClaimsSetVerifier(claims);
        JOSEObjectType[] types = issuer.types().toArray(new JOSEObjectType[0]);
        JOSEObjectType[] withNone = java.util.Arrays.copyOf(types, types.length + 1);
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(withNone));
    }

    /** @return the issuer's name under {@code issuers} */
    String name() {
        return issuer.name();
    }

    /** @return whether the issuer accepts tokens signed with {@code algorithm} */
    boolean allows(JWSAlgorithm algorithm) {
        return issuer.algorithms().contains(algorithm);
    }

    /** @return whether the issuer accepts the JOSE {@code typ} (null: none given) */
    boolean allowsType(JOSEObjectType type) {
        return type == null || issuer.types().contains(type);
    }

    /** @return the key selector, which alone decides which keys a token's signature is checked with */
    JWSKeySelector<SecurityContext> keySelector() {
        return keySelector;
    }

    /**
     * Checks the signature (with a key the selector picks for the token's algorithm and {@code kid})
     * and the claims.
     *
     * @return the verified claims
     * @throws BadJOSEException when the token is not valid
     * @throws JOSEException when no key could be had or the signature could not be checked
     */
    JWTClaimsSet verify(SignedJWT token) throws BadJOSEException, JOSEException {
        return processor.process(token, null);
    }

    /**
     * @param claims verified claims
     * @return the principal they describe
     * @throws io.chassis.core.spi.Authenticator.Rejected when the subject claim is not a non-blank string
     */
    Principal principal(JWTClaimsSet claims) {
        IssuerSettings s = issuer.settings();
        Object subject = claims.getClaim(s.subjectClaim());
        if (!(subject instanceof String sub) || sub.isBlank()) {
            throw Rejections.of("token lacks a subject");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) ClaimValues.frozen(claims.toJSONObject(false));
        return new Principal(
                sub,
                SCHEME,
                s.iss(),
                ClaimValues.names(claims.getClaim(s.scopesClaim())),
                ClaimValues.names(claims.getClaim(s.rolesClaim())),
                json);
    }

    /** @return until when verified claims may be trusted without checking again: {@code exp} plus the skew */
    long usableUntil(JWTClaimsSet claims) {
        return claims.getExpirationTime().getTime()
                + issuer.settings().clockSkew().toMillis();
    }

    /** Fetches the JWK set in the background, when the issuer has one. */
    void prefetch() {
        if (remote != null) {
            remote.prefetch();
        }
    }

    @Override
    public void close() throws IOException {
        if (remote != null) {
            remote.close();
        }
    }
}
