package io.chassis.security.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * An issuer's static {@code keys}. A key with a {@code kid} matches only tokens naming it; a key
 * without one (read from PEM) is tried for any token whose {@code kid} no key has. Every other rule
 * of the selector (key type for the algorithm, use, curve) applies to both.
 */
final class LocalKeys implements JWKSource<SecurityContext> {

    private final JWKSet named;
    private final JWKSet unnamed;

    LocalKeys(JWKSet keys) {
        List<JWK> withId = new ArrayList<>();
        List<JWK> withoutId = new ArrayList<>();
        for (JWK key : keys.getKeys()) {
            (key.getKeyID() == null ? withoutId : withId).add(key);
        }
        this.named = new JWKSet(withId);
        this.unnamed = new JWKSet(withoutId);
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(named);
        if (!found.isEmpty() || unnamed.isEmpty()) {
            return found;
        }
        JWKMatcher matcher = selector.getMatcher();
        if (matcher.getKeyIDs() == null) {
            return selector.select(unnamed);
        }
        JWKMatcher anyId = new JWKMatcher.Builder(matcher).keyID(null).build();
        return new JWKSelector(anyId).select(unnamed);
    }
}
