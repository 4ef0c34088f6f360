package io.chassis.tracing;

import io.opentracing.Scope;
import io.opentracing.Span;
import io.opentracing.Tracer;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Carries the active span to other threads: work handed over through these wrappers runs with the
 * submitting thread's span active, so its log lines carry the same {@code trace_id} and {@code
 * span_id}; the MDC is cleaned when the work ends.
 *
 * <pre>{@code
 * Executor traced = Traced.executor(tracer, pool);
 * CompletableFuture.supplyAsync(() -> load(id), traced)
 *         .thenApplyAsync(this::render, traced);   // completion callbacks too
 * }</pre>
 */
public final class Traced {

    private Traced() {}

    /**
     * @param tracer the service's tracer ({@link TracingModule#tracer()})
     * @param executor where the work runs
     * @return an executor that runs each task with the span that was active when it was submitted
     */
    public static Executor executor(Tracer tracer, Executor executor) {
        Objects.requireNonNull(tracer, "tracer");
        Objects.requireNonNull(executor, "executor");
        return task -> executor.execute(runnable(tracer, task));
    }

    /**
     * @param tracer the service's tracer
     * @param task the work
     * @return the work, run with the span active now (or as it is, when none is)
     */
    public static Runnable runnable(Tracer tracer, Runnable task) {
        Span span = tracer.activeSpan();
        if (span == null) {
            return task;
        }
        return () -> {
            try (Scope ignored = tracer.activateSpan(span)) {
                task.run();
            }
        };
    }
}
