package io.chassis.testing;

import io.chassis.core.security.Principal;
import io.chassis.core.spi.Authenticator;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An authentication scheme for tests of the access rules: fixed API keys in a header, each naming a
 * principal. Add it with {@code Chassis.builder().module(TestKeys.inHeader("X-Api-Key").key(..))}. A
 * request without the header has no credentials of this scheme; an unknown key is rejected with
 * {@code invalid_token}.
 */
public final class TestKeys implements ChassisModule, Authenticator {

    private final String header;
    private final Map<String, Principal> principals = new ConcurrentHashMap<>();

    private TestKeys(String header) {
        this.header = header;
    }

    /**
     * @param header the header (or gRPC metadata key) carrying the key
     * @return a scheme with no keys yet
     */
    public static TestKeys inHeader(String header) {
        return new TestKeys(Objects.requireNonNull(header, "header"));
    }

    /**
     * Adds a key.
     *
     * @param key the header's value
     * @param subject who it belongs to
     * @param scopes the scopes it grants
     * @param roles the roles it grants
     * @return this
     */
    public TestKeys key(String key, String subject, Set<String> scopes, Set<String> roles) {
        principals.put(key, new Principal(subject, "apikey", "", scopes, roles, Map.of("sub", subject)));
        return this;
    }

    @Override
    public String name() {
        return "test-keys";
    }

    @Override
    public void configure(ModuleContext context) {
        context.addAuthenticator(this);
    }

    @Override
    public String scheme() {
        return "ApiKey";
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        Optional<String> key = credentials.header(header);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Principal principal = principals.get(key.get());
        if (principal == null) {
            throw new Rejected("invalid_token", "the API key is not known");
        }
        return Optional.of(principal);
    }
}
