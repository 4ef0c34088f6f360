package io.chassis.resilience;

import io.chassis.core.health.HealthResult;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;

/**
 * A test module that keeps the module context, to read what the resilience module contributed to
 * it: {@code builder.module(capture)}, then {@code capture.breakerHealth()}.
 */
final class ContextCapture implements ChassisModule {

    private volatile ModuleContext context;

    @Override
    public String name() {
        return "test-context-capture";
    }

    @Override
    public void configure(ModuleContext context) {
        this.context = context;
    }

    /** @return the result of the module's {@code circuit-breakers} health check, run now */
    HealthResult breakerHealth() throws Exception {
        if (context == null) {
            throw new IllegalStateException("add the capture to the service with builder.module(..)");
        }
        return context.healthContributions().stream()
                .filter(c -> c.name().equals("circuit-breakers"))
                .findFirst()
                .orElseThrow()
                .check()
                .check();
    }

    /** @return the call guards the modules contributed */
    java.util.List<io.chassis.core.spi.CallGuard> callGuards() {
        if (context == null) {
            throw new IllegalStateException("add the capture to the service with builder.module(..)");
        }
        return context.callGuards();
    }
}
