package io.chassis.security;

import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.security.internal.JwtWiring;
import java.util.Optional;

/**
 * chassis-security: JWT bearer-token authentication from {@code chassis.security.jwt}. For every
 * configured issuer it checks tokens against the issuer's JWK set ({@code jwks-url}, cached and
 * rate-limited) or static keys, with the required issuer and audience, an algorithm allow-list and a
 * clock skew, and adds one {@code Bearer} {@link io.chassis.core.spi.Authenticator} that core's access
 * rules ask. Discovered on the class path; with no issuer configured it adds nothing. See
 * docs/security.md.
 */
public final class SecurityModule implements ChassisModule {

    private Optional<JwtWiring> jwt = Optional.empty();

    /** Creates the module; everything happens in {@link #configure}. */
    public SecurityModule() {}

    @Override
    public String name() {
        return "security";
    }

    /**
     * Binds and checks {@code chassis.security.jwt} (static keys are read here) and adds the
     * authenticator.
     *
     * @throws io.chassis.config.ConfigProblemsException listing every problem of the section
     */
    @Override
    public void configure(ModuleContext context) {
        jwt = JwtWiring.configure(context);
        jwt.ifPresent(w -> context.addAuthenticator(w.authenticator()));
    }

    /** Fetches the issuers' JWK sets in the background: start never waits for an issuer. */
    @Override
    public void start() {
        jwt.ifPresent(JwtWiring::start);
    }

    @Override
    public void stop() {
        jwt.ifPresent(JwtWiring::close);
    }
}
