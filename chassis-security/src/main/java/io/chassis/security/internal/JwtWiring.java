package io.chassis.security.internal;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigRules;
import io.chassis.core.spi.Authenticator;
import io.chassis.core.spi.ModuleContext;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the module builds from {@code chassis.security.jwt}; keeps the public module class small. */
public final class JwtWiring implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(JwtWiring.class);

    private final List<IssuerVerifier> verifiers;
    private final BearerAuthenticator authenticator;

    private JwtWiring(List<IssuerVerifier> verifiers, BearerAuthenticator authenticator) {
        this.verifiers = verifiers;
        this.authenticator = authenticator;
    }

    /**
     * Binds and checks every issuer (keys read, algorithms resolved) and builds one verifier per
     * issuer; starts no thread and fetches nothing.
     *
     * @return the wiring, or empty when no issuer is configured
     * @throws io.chassis.config.ConfigProblemsException listing every problem of every issuer
     */
    public static Optional<JwtWiring> configure(ModuleContext context) {
        ConfigRules problems = new ConfigRules(context.config().config());
        CacheSettings cache = problems.collect(() -> context.config().bind(CacheSettings.PATH, CacheSettings.class));
        // Remembered by the config: a reload that breaks chassis.security.jwt is rejected.
        Issuers.Checked checked = problems.collect(() -> context.config().read("chassis.security.jwt", Issuers::check));
        problems.throwIfAny();
        checked.warnings().forEach(context::warn);
        if (checked.issuers().isEmpty()) {
            // on the class path but not configured: nothing can be authenticated, so the access rules'
            // default is public; say so rather than leave a service open without a word
            context.warn(new ConfigProblem(
                    problems.originOf("chassis.security.jwt.issuers"),
                    "chassis.security.jwt.issuers",
                    "is empty: chassis-security checks no tokens, and routes and methods no rule protects are"
                            + " public. Configure an issuer, or remove chassis-security."));
            return Optional.empty();
        }
        List<IssuerVerifier> verifiers = new ArrayList<>();
        Map<String, IssuerVerifier> byIssuer = new LinkedHashMap<>();
        for (Issuer issuer : checked.issuers()) {
            IssuerVerifier verifier = new IssuerVerifier(issuer, context.clock());
            verifiers.add(verifier);
            byIssuer.put(issuer.settings().iss(), verifier);
        }
        VerifiedTokens verified =
                new VerifiedTokens(cache.maxEntries(), cache.maxAge().toMillis(), context.clock());
        return Optional.of(new JwtWiring(List.copyOf(verifiers), new BearerAuthenticator(byIssuer, verified)));
    }

    /** @return the {@code Bearer} authenticator over every issuer */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Fetches every issuer's JWK set in the background; never blocks, a failure is a warning. */
    public void start() {
        verifiers.forEach(IssuerVerifier::prefetch);
    }

    @Override
    public void close() {
        for (IssuerVerifier verifier : verifiers) {
            try {
                verifier.close();
            } catch (IOException | RuntimeException e) {
                log.warn("closing the keys of issuer {} failed", verifier.name(), e);
            }
        }
    }
}
