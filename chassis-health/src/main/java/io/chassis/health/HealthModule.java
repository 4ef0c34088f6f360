package io.chassis.health;

import io.chassis.core.health.HealthContribution;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.health.internal.BackgroundRuns;
import io.chassis.health.internal.ConfiguredChecks;
import io.chassis.health.internal.HealthEndpoints;
import io.chassis.health.internal.HealthMetrics;
import io.chassis.health.internal.HealthRegistry;
import io.chassis.health.internal.HealthSettings;
import java.util.List;

/**
 * Serves the service's health checks on the admin port: {@code /health}, {@code /health/live},
 * {@code /health/ready} and {@code /health/started} (200 for UP and DEGRADED, 503 for DOWN).
 *
 * <p>Found by {@link java.util.ServiceLoader}: putting {@code chassis-health} on the classpath is
 * enough. It runs the checks the application and other modules add ({@code app.health().add(..)})
 * and those of {@code
 * chassis.health.checks}, concurrently, each with a timeout, caching results for {@code
 * chassis.health.cache-ttl}. Readiness is DOWN until the service has started and from the first
 * moment of shutdown.
 */
public final class HealthModule implements ChassisModule {

    private ModuleContext context;
    private HealthSettings settings;
    private volatile HealthRegistry registry;
    private BackgroundRuns background;

    /** Creates the module; {@link java.util.ServiceLoader} calls this. */
    public HealthModule() {}

    @Override
    public String name() {
        return "health";
    }

    /**
     * Binds {@code chassis.health}, adds the configured checks and the endpoints.
     *
     * @throws io.chassis.config.ConfigProblemsException listing every invalid setting or check
     */
    @Override
    public void configure(ModuleContext context) {
        this.context = context;
        // Remembered by the config: a reload that breaks chassis.health is rejected.
        this.settings = context.config().read("chassis.health", HealthSettings::from);
        if (!settings.enabled()) {
            return;
        }
        ConfiguredChecks.from(context.config().config(), settings).forEach(context.health()::add);
        HealthEndpoints.register(context.admin().open(), () -> registry, settings); // probes: open
    }

    /**
     * Starts the health threads with every contributed check.
     *
     * @throws IllegalStateException when a check uses a reserved name ({@code ready}, {@code started})
     */
    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        List<HealthContribution> checks = List.copyOf(context.healthContributions());
        for (HealthContribution check : checks) {
            if (HealthRegistry.RESERVED.contains(check.name())) {
                throw new IllegalStateException("health check name '" + check.name()
                        + "' is reserved for the service's own entry; rename the check");
            }
        }
        HealthMetrics metrics = new HealthMetrics(
                context.metrics(), checks.stream().map(HealthContribution::name).toList());
        registry = new HealthRegistry(
                checks, settings, context.clock(), context.health().readiness(), metrics);
        if (settings.background().enabled()) {
            background = BackgroundRuns.start(registry, settings.background().interval());
        }
    }

    @Override
    public void stop() {
        if (background != null) {
            background.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
