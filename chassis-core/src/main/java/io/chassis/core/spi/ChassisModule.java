package io.chassis.core.spi;

/**
 * A unit of functionality plugged into a Chassis service (health, tracing, resilience, ...).
 *
 * <p>Modules are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/io.chassis.core.spi.ChassisModule}; it needs a public no-argument constructor)
 * and/or added explicitly with {@code Chassis.builder().module(..)}. The lifecycle is:
 *
 * <ol>
 *   <li>{@link #configure(ModuleContext)} for every module, phase by phase, before anything starts:
 *       bind and validate settings, contribute routes, filters, health checks, extensions. Throw
 *       {@code ConfigProblemsException} for invalid settings: the problems of all modules and of
 *       the application are reported together and the service does not start.
 *   <li>{@link #start()} for every module, in the same order, before the ports open.
 *   <li>{@link #stop()} in reverse order during shutdown, after in-flight requests finished, and
 *       only for modules whose {@code start()} returned normally; also when a later module or the
 *       listeners fail to start.
 * </ol>
 */
public interface ChassisModule {

    /** @return where the module runs; almost every module keeps the default {@link ModulePhase#FEATURE} */
    default ModulePhase phase() {
        return ModulePhase.FEATURE;
    }

    /** @return a short, unique, stable name, e.g. {@code health}; used in logs and problems */
    String name();

    /**
     * Binds settings and contributes to the service. Must not open ports or start threads.
     *
     * @param context what the service offers to modules
     * @throws io.chassis.config.ConfigProblemsException when the module's settings are invalid
     */
    default void configure(ModuleContext context) {}

    /**
     * Starts the module's resources (connections, background tasks).
     *
     * @throws Exception when the module cannot start; the modules started before it are stopped and
     *     the service fails to start
     */
    default void start() throws Exception {}

    /**
     * Releases the module's resources; called once, only after {@link #start()} returned normally.
     *
     * @throws Exception logged; the remaining modules are still stopped
     */
    default void stop() throws Exception {}
}
