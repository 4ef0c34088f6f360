package io.chassis.core.health;

/**
 * Which question a health check answers for an orchestrator; a check may answer several.
 *
 * <p>Kubernetes restarts a container whose LIVENESS fails, stops routing traffic to it while its
 * READINESS fails, and waits for STARTUP before probing the other two.
 */
public enum HealthKind {
    /** Is the process alive, or stuck beyond repair (e.g. deadlocked)? */
    LIVENESS,
    /** Can it serve traffic now (dependencies reachable, not shutting down)? */
    READINESS,
    /** Has it finished starting? */
    STARTUP
}
