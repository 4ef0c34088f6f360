package io.chassis.core.health;

/** The status of one health check, or of a whole health report. */
public enum HealthStatus {
    /** Works. */
    UP,
    /** Works, but impaired (e.g. a fallback is in use); still ready for traffic. */
    DEGRADED,
    /** Does not work. */
    DOWN;

    /** @return true for UP and DEGRADED: the thing can still do its job */
    public boolean isAvailable() {
        return this != DOWN;
    }
}
