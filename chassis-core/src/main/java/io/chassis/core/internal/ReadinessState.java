package io.chassis.core.internal;

import io.chassis.core.spi.Readiness;

/** The readiness flag; volatile because probes read it from other threads. */
public final class ReadinessState implements Readiness {

    private volatile boolean ready;

    @Override
    public boolean isReady() {
        return ready;
    }

    /** @param ready the new state */
    public void set(boolean ready) {
        this.ready = ready;
    }
}
