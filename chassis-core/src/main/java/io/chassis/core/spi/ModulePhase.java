package io.chassis.core.spi;

/**
 * Where a module runs in the service's lifecycle. Phases are configured and started in this order
 * and stopped in reverse; within a phase, modules keep their place (discovered modules in class-path
 * order, then those added with the builder). The application's own {@code configure(..)} runs after
 * every module.
 */
public enum ModulePhase {
    /** Logging: set up before, and flushed after, everything that logs. */
    LOGGING,
    /** Request context seen by every other filter (tracing): its filter wraps those of later phases. */
    OBSERVABILITY,
    /** Every other feature (health, resilience, gRPC, ...); the default. */
    FEATURE
}
