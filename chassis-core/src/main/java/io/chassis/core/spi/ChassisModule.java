package io.chassis.core.spi;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A unit of functionality plugged into a Chassis service (health, metrics, tracing, ...).
 *
 * <p>Modules are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/io.chassis.core.spi.ChassisModule}; it needs a public no-argument constructor)
 * and/or added explicitly with {@code Chassis.builder().module(..)}. The lifecycle is:
 *
 * <ol>
 *   <li>{@link #configure(ModuleContext)} for every module, in order, before anything starts: bind
 *       and validate settings, contribute routes, filters, health checks. Throw {@code
 *       ConfigProblemsException} for invalid settings: the problems of all modules are reported
 *       together and the service does not start.
 *   <li>{@link #start()} for every module, in order, before the HTTP server opens its port.
 *   <li>{@link #stop()} in reverse order during shutdown, after in-flight requests finished.
 * </ol>
 *
 * <p>"In order" means by {@link #order()}, lowest first; modules of equal order keep their place
 * (discovered modules in class-path order, then those added with the builder).
 */
public interface ChassisModule {

    /**
     * Creates a module that only contributes during configuration, e.g. an application's routes.
     *
     * @param name the module name
     * @param configure runs during {@link #configure(ModuleContext)}
     * @return the module
     */
    static ChassisModule of(String name, Consumer<ModuleContext> configure) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configure, "configure");
        return new ChassisModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void configure(ModuleContext context) {
                configure.accept(context);
            }
        };
    }

    /**
     * Where this module runs in the lifecycle: lower values are configured and started earlier and
     * stopped later. Almost every module keeps the default {@code 0}. Logging uses {@link
     * Integer#MIN_VALUE}, so that it is set up before, and flushed after, everything that logs.
     *
     * @return the order; ties keep registration order
     */
    default int order() {
        return 0;
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
     * @throws Exception when the module cannot start; the service then stops and fails
     */
    default void start() throws Exception {}

    /**
     * Releases the module's resources. Called once, even if {@link #start()} was not called because
     * an earlier module failed; must tolerate that.
     *
     * @throws Exception logged; the remaining modules are still stopped
     */
    default void stop() throws Exception {}
}
