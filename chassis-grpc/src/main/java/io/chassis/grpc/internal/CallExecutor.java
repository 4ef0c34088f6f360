package io.chassis.grpc.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded executor grpc runs the calls' callbacks on: {@code threads} platform threads with a
 * queue of {@code queue} tasks, or, with virtual threads, one virtual thread per task and at most
 * {@code threads + queue} tasks in progress. New calls are admitted ({@link #hasRoom()}) only while a
 * reserve of a tenth of the queue (at least one task) is left, so the calls in progress can still
 * hand over their next messages; the others are shed ({@link Overload}). A task that finds it full
 * all the same is rejected (grpc resets that call's stream).
 */
final class CallExecutor implements Executor {

    /** {@code Thread.ofVirtual().name(prefix, 0).factory()}, looked up once; null before Java 21. */
    private static final MethodHandle VIRTUAL_FACTORY = lookupVirtualFactory();

    private final ExecutorService threads;
    private final boolean bounded;
    private final int capacity;
    private final int admit;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Runnable onRejected;

    private CallExecutor(ExecutorService threads, boolean bounded, int capacity, int reserve, Runnable onRejected) {
        this.threads = threads;
        this.bounded = bounded;
        this.capacity = capacity;
        this.admit = capacity - reserve;
        this.onRejected = onRejected;
    }

    /** @return whether this JVM has virtual threads */
    static boolean virtualThreadsAvailable() {
        return VIRTUAL_FACTORY != null;
    }

    /**
     * @param pool threads and queue
     * @param virtual one virtual thread per task (needs {@link #virtualThreadsAvailable()})
     * @param onRejected runs for every rejected task, e.g. to count it
     */
    static CallExecutor create(GrpcSettings.Pool pool, boolean virtual, Runnable onRejected) {
        int threads = pool.resolvedThreads();
        int capacity = threads + pool.queue();
        int reserve = Math.max(1, pool.queue() / 10);
        if (virtual) {
            ThreadPoolExecutor perTask = new ThreadPoolExecutor(
                    0, Integer.MAX_VALUE, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), virtualFactory());
            return new CallExecutor(perTask, false, capacity, reserve, onRejected);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> new Thread(r, "chassis-grpc-" + count.incrementAndGet());
        // Two locks (put, take), not ArrayBlockingQueue's one: transport threads handing over calls
        // and the pool's threads taking them do not contend (measured: a third fewer parks per call).
        ThreadPoolExecutor fixed = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(pool.queue()), factory);
        fixed.allowCoreThreadTimeOut(true);
        return new CallExecutor(fixed, true, capacity, reserve, onRejected);
    }

    /** @return whether a new call is admitted now: tasks in progress are below capacity minus the reserve */
    boolean hasRoom() {
        return inProgress.get() < admit;
    }

    @Override
    public void execute(Runnable task) {
        if (inProgress.incrementAndGet() > capacity && !bounded) {
            rejected();
            throw new RejectedExecutionException("chassis.grpc.executor is full");
        }
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    inProgress.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            rejected();
            throw e;
        }
    }

    private void rejected() {
        inProgress.decrementAndGet();
        onRejected.run();
    }

    /**
     * Stops taking tasks and waits for the running ones.
     *
     * @return true when every task finished within {@code timeout}; else they were interrupted
     */
    boolean shutdown(Duration timeout) throws InterruptedException {
        threads.shutdown();
        if (threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        threads.shutdownNow();
        return false;
    }

    private static ThreadFactory virtualFactory() {
        try {
            return (ThreadFactory) VIRTUAL_FACTORY.invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create virtual threads on Java " + Runtime.version(), e);
        }
    }

    private static MethodHandle lookupVirtualFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle start = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle name =
                    lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            // () -> Thread.ofVirtual().name("chassis-grpc-vt-", 0).factory()
            MethodHandle named = MethodHandles.insertArguments(name, 1, "chassis-grpc-vt-", 0L);
            MethodHandle chain = MethodHandles.filterReturnValue(start, named);
            return MethodHandles.filterReturnValue(
                    chain, factory.asType(MethodType.methodType(ThreadFactory.class, ofVirtual)));
        } catch (ReflectiveOperationException e) {
            return null; // before Java 21
        }
    }
}
