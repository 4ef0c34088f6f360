package io.chassis.core.internal.bootstrap;

import io.chassis.core.health.Readiness;

/** The lifecycle flags; volatile because probes read them from other threads. */
public final class ReadinessState implements Readiness {

    private volatile boolean started;
    private volatile boolean ready;

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    /** @param ready the new state; the first {@code true} also marks the service started */
    public void set(boolean ready) {
        if (ready) {
            started = true;
        }
        this.ready = ready;
    }
}
