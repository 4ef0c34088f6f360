package io.chassis.resilience;

import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthKind;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.resilience.internal.Wiring;

/**
 * chassis-resilience: binds {@code chassis.resilience}, protects every named HTTP client with its
 * {@code resilience} profile, protects the service's endpoints ({@code chassis.resilience.server}),
 * publishes resilience4j meters, logs breaker state transitions and reports open breakers in health.
 * Discovered on the class path; {@code app.extension(Resilience.class)} protects any other code.
 */
public final class ResilienceModule implements ChassisModule {

    private Wiring wiring;

    /** Creates the module; everything happens in {@link #configure}. */
    public ResilienceModule() {}

    @Override
    public String name() {
        return "resilience";
    }

    @Override
    public void configure(ModuleContext context) {
        wiring = Wiring.configure(context);
        context.provide(Resilience.class, new Resilience(wiring.decorators()));
        context.addClientExtension(wiring.clients());
        wiring.serverFilter().ifPresent(context.http()::filter);
        wiring.callGuard().ifPresent(context::addCallGuard);
        context.addClientGuard(wiring.clientGuard());
        if (wiring.healthEnabled()) {
            context.health()
                    .add(HealthContribution.builder("circuit-breakers", wiring.health())
                            .kinds(HealthKind.READINESS)
                            .build());
        }
    }

    @Override
    public void stop() {
        if (wiring != null) {
            wiring.close();
        }
    }
}
