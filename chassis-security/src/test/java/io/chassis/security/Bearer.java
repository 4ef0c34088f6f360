package io.chassis.security;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.core.security.Principal;
import io.chassis.core.spi.Authenticator;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestService;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real service with chassis-security configured from real config, and the authenticator it
 * registered, taken from the {@link ModuleContext} every module sees.
 */
final class Bearer implements AutoCloseable {

    static final String ISSUER_PATH = "chassis.security.jwt.issuers.corp.";

    private final TestService service;
    private final ModuleContext context;

    private Bearer(TestService service, ModuleContext context) {
        this.service = service;
        this.context = context;
    }

    /** A builder for the service: issuer "corp" with Tokens.ISSUER and Tokens.AUDIENCE set. */
    static ChassisBuilder builder(TestClock clock) {
        return Chassis.builder()
                .name("orders")
                .clock(clock)
                .http(h -> h.set("access-log.enabled", false))
                .configOverride(ISSUER_PATH + "issuer", Tokens.ISSUER)
                .configOverride(ISSUER_PATH + "audiences", List.of(Tokens.AUDIENCE));
    }

    static Bearer start(ChassisBuilder builder) {
        ModuleContext[] seen = new ModuleContext[1];
        builder.module(new ChassisModule() {
            @Override
            public String name() {
                return "context-capture";
            }

            @Override
            public void configure(ModuleContext context) {
                seen[0] = context;
            }
        });
        return new Bearer(TestService.start(builder), seen[0]);
    }

    /** @return the authenticators the modules registered */
    List<Authenticator> authenticators() {
        return context.authenticators();
    }

    Authenticator authenticator() {
        return authenticators().stream()
                .filter(a -> a.scheme().equals("Bearer"))
                .findFirst()
                .orElseThrow();
    }

    /** @return what the authenticator makes of {@code Authorization: Bearer <token>} */
    Optional<Principal> authenticate(String token) {
        return authenticateHeader("Bearer " + token);
    }

    Optional<Principal> authenticateHeader(String authorization) {
        return authenticator()
                .authenticate(credentials(authorization == null ? Map.of() : Map.of("authorization", authorization)));
    }

    static Authenticator.Credentials credentials(Map<String, String> headers) {
        return new Authenticator.Credentials() {
            @Override
            public String transport() {
                return "http";
            }

            @Override
            public Optional<String> header(String name) {
                return headers.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(Map.Entry::getValue)
                        .findFirst();
            }

            @Override
            public List<X509Certificate> peerCertificates() {
                return List.of();
            }
        };
    }

    TestService service() {
        return service;
    }

    @Override
    public void close() {
        service.close();
    }
}
