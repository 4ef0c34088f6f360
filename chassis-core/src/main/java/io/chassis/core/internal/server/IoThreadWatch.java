package io.chassis.core.internal.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the IO threads while they run calls of learned routes (see {@link LearnedDispatch}), at
 * ticks half {@code io-thread-budget} apart: a call that holds its IO thread blocked or busy for about
 * the budget sends its route back to the worker pool (see {@link #tick}). The watch thread is itself
 * stopped at safepoints, so a GC pause does not make a call look long; it starts with the first call
 * on an IO thread and ends with {@link #close}.
 *
 * <p>Per call the IO thread writes two fields of its own slot with release semantics, no lock and no
 * allocation.
 */
final class IoThreadWatch implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long tickNanos;
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(this::register);
    private volatile boolean closed;
    private Thread watcher; // guarded by this

    /** @param budgetNanos {@code chassis.http.dispatch.io-thread-budget} */
    IoThreadWatch(long budgetNanos) {
        this.tickNanos = Math.max(budgetNanos / 2, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** The calls of one IO thread. */
    static final class Slot {
        private final String thread;
        private final long threadId;
        /** Linux's view of the thread, for its state; null when it cannot be read. */
        private final Path stat;

        private final AtomicReference<LearnedDispatch> current = new AtomicReference<>();
        private final AtomicLong ended = new AtomicLong();
        // the watcher's own
        private boolean busyAtLastTick;
        private long endedAtLastTick;
        private int ticksInSameCall;
        private int ticksSleeping;
        private long cpuAtFirstTick;

        Slot(Thread thread, Path stat) {
            this.thread = thread.getName();
            this.threadId = thread.getId();
            this.stat = stat;
        }
    }

    /**
     * Call on the IO thread before the route's call.
     *
     * @return the slot to pass to {@link #exit}
     */
    Slot enter(LearnedDispatch route) {
        Slot s = slot.get();
        s.current.lazySet(route);
        return s;
    }

    /** Call on the IO thread after the call, also when it threw. */
    void exit(Slot s) {
        s.current.lazySet(null);
        s.ended.lazySet(s.ended.get() + 1); // only this thread writes it
    }

    private Slot register() {
        Slot s = new Slot(Thread.currentThread(), ThreadProbe.statOfCurrentThread());
        slots.add(s);
        startWatcher();
        return s;
    }

    private synchronized void startWatcher() {
        if (watcher != null || closed) {
            return;
        }
        watcher = new Thread(this::watch, "chassis-io-thread-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (!closed) {
            try {
                TimeUnit.NANOSECONDS.sleep(tickNanos);
            } catch (InterruptedException e) {
                return;
            }
            for (Slot s : slots) {
                tick(s);
            }
        }
    }

    /**
     * A call seen at the last tick and still running now is looked at: it is moved off when its
     * thread was asleep (blocked in the kernel) at two ticks in a row, or used a tick's worth of CPU
     * between two ticks. A thread that is only waiting for the core (other threads ran) is neither,
     * so a busy single-core host does not move routes.
     */
    private void tick(Slot s) {
        LearnedDispatch route = s.current.get();
        long ended = s.ended.get();
        boolean busy = route != null;
        if (!busy || !s.busyAtLastTick || ended != s.endedAtLastTick) {
            s.busyAtLastTick = busy;
            s.endedAtLastTick = ended;
            s.ticksInSameCall = 0;
            s.ticksSleeping = 0;
            return;
        }
        long cpu = THREADS.getThreadCpuTime(s.threadId);
        if (++s.ticksInSameCall == 1) {
            s.cpuAtFirstTick = cpu;
        } else if (cpu - s.cpuAtFirstTick >= tickNanos) {
            demote(route, s, "busy: " + (cpu - s.cpuAtFirstTick) / 1_000_000 + " ms of CPU between two ticks");
            return;
        }
        if (ThreadProbe.sleeping(s.stat)) {
            if (++s.ticksSleeping >= 2) {
                demote(route, s, "blocked");
            }
        } else {
            s.ticksSleeping = 0;
        }
    }

    private static void demote(LearnedDispatch route, Slot s, String how) {
        route.demote(s.thread, how); // a no-op when another IO thread's call moved it first
        s.ticksInSameCall = 0;
        s.ticksSleeping = 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}
