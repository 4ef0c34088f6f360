package io.chassis.core;

import io.chassis.core.spi.ContextPropagator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Every {@link ContextPropagator} of a service, applied together: wraps work handed to another
 * thread so that it runs with the request id, trace ids and active span of the thread that handed
 * it over, and leaves the running thread as it found it. Get it from
 * {@link App#contextPropagation()}.
 *
 * <pre>{@code
 * CompletableFuture.supplyAsync(() -> lookUp(id), app.contextPropagation().wrap(myExecutor));
 * }</pre>
 *
 * <p>Propagators are installed in the order they were added and removed in reverse. The instance is
 * live: propagators added later (by modules configured later) apply to work wrapped afterwards.
 */
public final class ContextPropagation {

    private static final ContextPropagator.Restored NOTHING = () -> {};

    private final List<ContextPropagator> propagators = new CopyOnWriteArrayList<>();

    /**
     * Creates a propagation applying {@code propagators} in order.
     *
     * @param propagators the first propagators; more can be added
     */
    public ContextPropagation(List<ContextPropagator> propagators) {
        propagators.forEach(this::add);
    }

    /**
     * Adds a propagator, applied after those added before it.
     *
     * @param propagator the propagator
     * @throws NullPointerException when {@code propagator} is null
     */
    public void add(ContextPropagator propagator) {
        propagators.add(Objects.requireNonNull(propagator, "propagator"));
    }

    /**
     * Captures the calling thread's context for every propagator.
     *
     * @return installs all of them on another thread; closing the result restores that thread
     */
    public ContextPropagator.Captured capture() {
        Object[] all = propagators.toArray();
        ContextPropagator.Captured[] captured = new ContextPropagator.Captured[all.length];
        for (int i = 0; i < all.length; i++) {
            captured[i] = ((ContextPropagator) all[i]).capture();
        }
        return () -> restoreAll(captured);
    }

    private static ContextPropagator.Restored restoreAll(ContextPropagator.Captured[] captured) {
        if (captured.length == 0) {
            return NOTHING;
        }
        ContextPropagator.Restored[] restored = new ContextPropagator.Restored[captured.length];
        for (int i = 0; i < captured.length; i++) {
            restored[i] = captured[i].restore();
        }
        return () -> {
            for (int i = restored.length - 1; i >= 0; i--) {
                restored[i].close();
            }
        };
    }

    /**
     * Captures the context now; the returned callable runs {@code task} inside it, on whatever thread.
     *
     * @param task the work to hand over
     * @param <T> its result
     * @return the wrapped work
     */
    public <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        ContextPropagator.Captured captured = capture();
        return () -> {
            try (ContextPropagator.Restored ignored = captured.restore()) {
                return task.call();
            }
        };
    }

    /**
     * Captures the context now; the returned runnable runs {@code task} inside it, on whatever thread.
     *
     * @param task the work to hand over
     * @return the wrapped work
     */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        ContextPropagator.Captured captured = capture();
        return () -> {
            try (ContextPropagator.Restored ignored = captured.restore()) {
                task.run();
            }
        };
    }

    /**
     * Returns an executor that runs every task in the context of the thread that submitted it.
     *
     * @param executor where the tasks run
     * @return the wrapping executor
     */
    public Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return task -> executor.execute(wrap(task));
    }
}
