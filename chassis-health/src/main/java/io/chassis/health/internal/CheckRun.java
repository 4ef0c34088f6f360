package io.chassis.health.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One run of a check on a health thread. {@link #result} completes with what the check returned,
 * or with a DOWN result when it threw; a timeout completes it from outside first, and {@link
 * #abandon()} then asks the still-running check to give up.
 */
final class CheckRun implements Runnable {

    final CompletableFuture<HealthResult> result = new CompletableFuture<>();
    private final HealthCheck check;
    private final Consumer<CheckRun> finished;
    private Thread thread;
    private boolean abandoned;
    private volatile long nanos = -1;

    CheckRun(HealthCheck check, Consumer<CheckRun> finished) {
        this.check = check;
        this.finished = finished;
    }

    @Override
    public void run() {
        if (result.isDone()) { // timed out while queued behind other checks
            finished.accept(this);
            return;
        }
        synchronized (this) {
            thread = Thread.currentThread();
        }
        long began = System.nanoTime();
        try {
            HealthResult r = check.check();
            result.complete(r != null ? r : HealthResult.down("the check returned no result"));
        } catch (Throwable t) {
            result.complete(Failures.result(t));
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
        } finally {
            nanos = System.nanoTime() - began;
            synchronized (this) {
                thread = null;
            }
            Thread.interrupted(); // a late interrupt must not leak into the next task of this thread
            finished.accept(this);
        }
    }

    /** Gives up on the run after its timeout: interrupts the check if it is still running. */
    synchronized void abandon() {
        abandoned = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** @return whether the run timed out */
    synchronized boolean abandoned() {
        return abandoned;
    }

    /** @return how long the check ran, or -1 while it runs or when it never ran */
    long nanos() {
        return nanos;
    }
}
