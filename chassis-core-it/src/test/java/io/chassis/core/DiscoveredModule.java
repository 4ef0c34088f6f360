package io.chassis.core;

import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;

/** Listed in META-INF/services of the tests; contributes {@code GET /discovered}. */
public class DiscoveredModule implements ChassisModule {

    @Override
    public String name() {
        return "discovered";
    }

    @Override
    public void configure(ModuleContext context) {
        context.http().get("/discovered", ctx -> "found");
    }
}
