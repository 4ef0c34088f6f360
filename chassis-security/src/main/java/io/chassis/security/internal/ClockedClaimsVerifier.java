package io.chassis.security.internal;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Clock;
import java.util.Date;
import java.util.Set;

/** nimbus's claims verifier (audience, required claims, exact issuer, exp/nbf with skew) on the service's clock. */
final class ClockedClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    private final Clock clock;

    ClockedClaimsVerifier(Set<String> audiences, JWTClaimsSet exactMatch, Set<String> required, Clock clock) {
        super(audiences, exactMatch, required, null);
        this.clock = clock;
    }

    @Override
    protected Date currentTime() {
        return new Date(clock.millis());
    }
}
