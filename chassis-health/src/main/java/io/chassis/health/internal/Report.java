package io.chassis.health.internal;

import io.chassis.core.health.HealthKind;
import java.util.Optional;

/** The four reports the endpoints serve; ALL has every check. */
public enum Report {
    /** {@code /health}: every check. */
    ALL(null, "/health"),
    /** {@code /health/live}. */
    LIVE(HealthKind.LIVENESS, "/health/live"),
    /** {@code /health/ready}. */
    READY(HealthKind.READINESS, "/health/ready"),
    /** {@code /health/started}. */
    STARTED(HealthKind.STARTUP, "/health/started");

    private final HealthKind kind;
    private final String path;

    Report(HealthKind kind, String path) {
        this.kind = kind;
        this.path = path;
    }

    /** @return the kind of check in this report; empty for every check */
    public Optional<HealthKind> kind() {
        return Optional.ofNullable(kind);
    }

    /** @return the admin path that serves it */
    public String path() {
        return path;
    }

    /** @return whether a check of these kinds belongs in this report */
    boolean includes(java.util.Set<HealthKind> kinds) {
        return kind == null || kinds.contains(kind);
    }
}
