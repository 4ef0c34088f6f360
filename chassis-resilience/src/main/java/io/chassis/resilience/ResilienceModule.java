package io.chassis.resilience;

import io.chassis.config.ConfigProblemsException;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.HealthContribution;
import io.chassis.core.spi.HealthKind;
import io.chassis.core.spi.ModuleContext;
import io.chassis.resilience.internal.Wiring;

/**
 * chassis-resilience: binds {@code chassis.resilience}, protects every named HTTP client with its
 * {@code resilience} profile, protects the service's endpoints ({@code chassis.resilience.server}),
 * publishes resilience4j meters, logs breaker state transitions and reports open breakers in health.
 * Discovered on the class path; use {@link Resilience#from} to protect any other code.
 */
public final class ResilienceModule implements ChassisModule {

    private Wiring wiring;
    private Resilience resilience;

    /** Creates the module; everything happens in {@link #configure}. */
    public ResilienceModule() {}

    @Override
    public String name() {
        return "resilience";
    }

    @Override
    public void configure(ModuleContext context) {
        try {
            wiring = Wiring.configure(context);
        } catch (ConfigProblemsException e) {
            // still own the clients' `resilience` keys, so they are not also reported as unknown
            context.addClientExtension(Wiring.keyOnly());
            throw e;
        }
        resilience = new Resilience(wiring.decorators());
        context.addClientExtension(wiring.clients());
        wiring.serverFilter().ifPresent(context::addServerFilter);
        if (wiring.healthEnabled()) {
            context.addHealthContribution(HealthContribution.builder("circuit-breakers", wiring.health())
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

    /**
     * @return the API to protect any code
     * @throws IllegalStateException before the module was configured
     */
    public Resilience resilience() {
        if (resilience == null) {
            throw new IllegalStateException("chassis-resilience is not configured yet: use it from configure(..) of"
                    + " the application (it runs after the module) or later");
        }
        return resilience;
    }
}
