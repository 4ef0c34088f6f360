package io.chassis.health.internal;

import io.chassis.core.health.HealthStatus;

/** Sees every run and every reported status of a check; metrics hang here. */
public interface CheckObserver {

    /** Does nothing. */
    CheckObserver NONE = new CheckObserver() {};

    /**
     * @param check the check's name
     * @param nanos how long the run took
     */
    default void ran(String check, long nanos) {}

    /**
     * @param check the check's name
     * @param status the status it now reports (after thresholds)
     */
    default void reported(String check, HealthStatus status) {}
}
