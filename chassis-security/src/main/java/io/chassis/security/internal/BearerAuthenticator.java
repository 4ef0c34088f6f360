package io.chassis.security.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.chassis.core.security.Principal;
import io.chassis.core.spi.Authenticator;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Bearer} scheme: reads {@code Authorization: Bearer <JWT>}, picks the issuer by the
 * token's {@code iss} and lets that issuer's verifier check it. No header, or another scheme's:
 * empty. Anything wrong with a bearer token: {@link Rejected} with {@code invalid_token} and a
 * short description; the details go to the debug log.
 */
final class BearerAuthenticator implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(BearerAuthenticator.class);
    private static final String PREFIX = "Bearer";

    private final Map<String, IssuerVerifier> byIssuer;
    private final VerifiedTokens verified;

    /**
     * @param byIssuer the verifiers by their exact {@code iss}
     * @param verified recently verified tokens
     */
    BearerAuthenticator(Map<String, IssuerVerifier> byIssuer, VerifiedTokens verified) {
        this.byIssuer = Map.copyOf(byIssuer);
        this.verified = verified;
    }

    @Override
    public String scheme() {
        return PREFIX;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        Optional<String> header = credentials.header("Authorization");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        int n = PREFIX.length();
        if (!value.regionMatches(true, 0, PREFIX, 0, n) || (value.length() > n && value.charAt(n) != ' ')) {
            return Optional.empty(); // another scheme, e.g. Basic or Bearerish
        }
        String token = value.substring(n).strip();
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            throw Rejections.of("malformed bearer token");
        }
        Principal known = verified.get(token);
        return Optional.of(known != null ? known : verify(token));
    }

    private Principal verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            log.debug("bearer token not parsed: {}", e.toString());
            throw Rejections.of("malformed token");
        }
        if (jwt instanceof PlainJWT) {
            throw Rejections.of("algorithm not allowed"); // alg: none
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw Rejections.of("encrypted tokens not accepted");
        }
        IssuerVerifier verifier = issuerOf(signed);
        JWSHeader header = signed.getHeader();
        if (!verifier.allows(header.getAlgorithm())) {
            throw Rejections.of("algorithm not allowed");
        }
        if (!verifier.allowsType(header.getType())) {
            throw Rejections.of("token type not accepted");
        }
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(signed);
        } catch (BadJOSEException | JOSEException e) {
            Rejected rejected = Rejections.of(e);
            log.debug(
                    "bearer token of issuer {} rejected ({}): {}",
                    verifier.name(),
                    rejected.description(),
                    e.toString());
            throw rejected;
        } catch (RuntimeException e) {
            log.warn("bearer token of issuer {} could not be checked", verifier.name(), e);
            throw Rejections.of("token not accepted");
        }
        Principal principal = verifier.principal(claims);
        verified.put(token, principal, verifier.usableUntil(claims));
        return principal;
    }

    private IssuerVerifier issuerOf(SignedJWT signed) {
        Object iss;
        try {
            iss = signed.getJWTClaimsSet().getClaim("iss");
        } catch (ParseException | RuntimeException e) {
            log.debug("bearer token claims not parsed: {}", e.toString());
            throw Rejections.of("malformed token");
        }
        IssuerVerifier verifier = iss instanceof String s ? byIssuer.get(s) : null;
        if (verifier == null) {
            throw Rejections.of("issuer not accepted");
        }
        return verifier;
    }
}
