package io.chassis.core.security;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who made the current request, as an {@code Authenticator} established it: the subject, the scopes
 * and roles the access rules check, and the verified claims. Immutable; never holds the credential
 * itself.
 *
 * @param subject who (a JWT's {@code sub}, a certificate's subject); never blank
 * @param scheme how it was established, e.g. {@code bearer}, {@code mtls}
 * @param issuer who vouches for it (a JWT's {@code iss}); empty when the scheme has none
 * @param scopes granted scopes, e.g. from the {@code scope} claim
 * @param roles granted roles, e.g. from a {@code roles} claim
 * @param claims the verified claims, JSON-like values (String, Number, Boolean, List, Map)
 */
public record Principal(
        String subject,
        String scheme,
        String issuer,
        Set<String> scopes,
        Set<String> roles,
        Map<String, Object> claims) {

    /**
     * @throws IllegalArgumentException when {@code subject} or {@code scheme} is blank
     * @throws NullPointerException when any argument is null
     */
    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(issuer, "issuer");
        if (subject.isBlank() || scheme.isBlank()) {
            throw new IllegalArgumentException("subject and scheme must not be blank");
        }
        scopes = Set.copyOf(scopes);
        roles = Set.copyOf(roles);
        claims = Map.copyOf(claims);
    }

    /**
     * @param scope a scope name
     * @return whether this principal was granted it
     */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * @param role a role name
     * @return whether this principal has it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
