package io.chassis.core.internal.server;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the calls of one route run when its handler is marked neither {@code blocking} nor {@code
 * nonBlocking} and {@code chassis.http.dispatch.mode} is {@code adaptive}.
 *
 * <p>A route starts off the IO thread, where nothing it does can stall it. One call at a time is
 * observed, on Undertow's worker pool (the probe reads platform threads); the others run where blocking
 * handlers run, unobserved. The observed calls are judged in windows of {@code learning-calls}: a call waited when its thread gave up the CPU on
 * its own (a lock, a socket, a sleep, a full queue) for over {@value #WAIT_NANOS} ns in all, or used
 * blocking streams; it was slow when it used over {@value #SLOW_CALL_NANOS} ns of CPU. A window with
 * at most 1 % of each moves the route to the IO thread, which saves the hand-off to a worker. A route
 * of which half the calls of a window waited stays on the worker pool for good. Any other window is
 * learned again later, after ever more calls (code not compiled yet is slow, and while it compiles the
 * JVM makes threads wait often), so that watching a slow route costs little. A route on the IO thread
 * that later holds it blocked or busy for about {@code io-thread-budget} is moved back to the worker
 * pool by {@link IoThreadWatch} and learned again later; the third time, for good.
 */
final class LearnedDispatch {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.core.http");
    /** CPU time above which a call is too slow for the IO thread: it would hold up the other connections. */
    static final long SLOW_CALL_NANOS = 200_000;
    /**
     * Waiting shorter than this is not counted: the JVM (safepoints) and the server's own locks make a
     * thread wait for microseconds now and then, blocking I/O takes longer.
     */
    static final long WAIT_NANOS = 50_000;
    /** Times a route may be moved off the IO thread before it stays on the worker pool. */
    static final int DEMOTIONS = 3;
    /** The most calls let through unobserved between two learning windows. */
    static final int MAX_GAP = 1 << 20;

    enum Where {
        LEARNING,
        IO_THREAD,
        WORKER
    }

    private final String route;
    private final int learningCalls;
    private final int tolerated;
    private final long budgetMillis;
    private final AtomicInteger unobserved = new AtomicInteger();
    private final AtomicBoolean observing = new AtomicBoolean();
    private volatile Where where;
    // guarded by this; only learning calls touch them
    private int calls;
    private int waits;
    private int slow;
    private int gap;
    private int demotions;

    /**
     * @param route method and template, for the log
     * @param learningCalls calls judged before the route may move to the IO thread
     * @param budgetNanos {@code io-thread-budget}
     */
    LearnedDispatch(String route, int learningCalls, long budgetNanos) {
        this.route = route;
        this.learningCalls = learningCalls;
        this.tolerated = Math.max(1, learningCalls / 100);
        this.gap = learningCalls;
        this.budgetMillis = budgetNanos / 1_000_000;
        this.where = ThreadProbe.available() ? Where.LEARNING : Where.WORKER;
    }

    /** @return where the route's calls run now */
    Where where() {
        return where;
    }

    /**
     * Call on the IO thread while the route is learning.
     *
     * @return true when this call is to be observed: then dispatch it to the worker pool, and run it
     *     with {@link #observe}; false when another call is being observed or the route is between
     *     windows: dispatch it as a blocking call, unobserved
     */
    boolean startObserving() {
        if (where != Where.LEARNING || (unobserved.get() > 0 && unobserved.getAndDecrement() > 0)) {
            return false;
        }
        // One call at a time: the others keep the capacity of virtual threads, and the probe's cost
        // stays that of one thread.
        return observing.compareAndSet(false, true);
    }

    /**
     * Runs the filters and the handler of a call {@link #startObserving} chose (on a worker thread),
     * and judges it. The response is not part of it: writing it from a worker thread waits for the
     * IO thread's selector, which is the hand-off's cost, not the handler's.
     *
     * @param ctx the call's context
     * @param call the filters and handler
     * @return what the handler returned
     * @throws Exception what the filters or the handler threw
     */
    Object observe(ExchangeContext ctx, Callable<Object> call) throws Exception {
        try {
            return observed(ctx, call);
        } finally {
            observing.set(false);
        }
    }

    private Object observed(ExchangeContext ctx, Callable<Object> call) throws Exception {
        long switches;
        long cpu;
        try {
            switches = ThreadProbe.voluntarySwitches();
            cpu = ThreadProbe.cpuNanos();
        } catch (IOException | RuntimeException e) {
            stayOnWorkers("its calls cannot be observed (" + e.getMessage() + ")");
            return call.call();
        }
        long started = System.nanoTime();
        try {
            return call.call();
        } finally {
            long wall = System.nanoTime() - started;
            long used = ThreadProbe.cpuNanos() - cpu;
            try {
                boolean gaveUpCpu = ThreadProbe.voluntarySwitches() != switches;
                // wall minus CPU is the time waited, and also the time other threads had the core
                judge(
                        ctx.unsafeExchange().isBlocking() || (gaveUpCpu && wall - used > WAIT_NANOS),
                        used > SLOW_CALL_NANOS);
            } catch (IOException | RuntimeException e) {
                stayOnWorkers("its calls cannot be observed (" + e.getMessage() + ")");
            }
        }
    }

    private synchronized void judge(boolean waited, boolean tooSlow) {
        if (where != Where.LEARNING) {
            return;
        }
        calls++;
        if (waited) {
            waits++;
        }
        if (tooSlow) {
            slow++;
        }
        if (waits > learningCalls / 2) {
            stayOnWorkers(waits + " of " + calls + " calls waited for something");
        } else if (calls >= learningCalls) {
            if (waits <= tolerated && slow <= tolerated) {
                where = Where.IO_THREAD;
                LOG.info(
                        "{} runs on the IO thread from now on: {} of {} calls waited, {} used over {} µs of CPU"
                                + " (chassis.http.dispatch.mode=adaptive)",
                        route,
                        waits,
                        calls,
                        slow,
                        SLOW_CALL_NANOS / 1000);
                return;
            }
            // Not now: code not compiled yet is slow, and while compiling the JVM stops threads
            // often. Learn again later, ever more rarely, so that a slow route costs little.
            learnAgainLater();
        }
    }

    /** A new window, after a gap of unobserved calls that doubles each time. Call holding this. */
    private void learnAgainLater() {
        calls = 0;
        waits = 0;
        slow = 0;
        unobserved.set(gap);
        gap = Math.min(gap * 2, MAX_GAP);
        where = Where.LEARNING;
    }

    private void stayOnWorkers(String why) {
        where = Where.WORKER;
        LOG.debug("{} stays on the worker pool: {}", route, why);
    }

    /**
     * Moves the route back to the worker pool: one of its calls held an IO thread too long. The first
     * times it learns again later (a one-off, such as a class initialised on first use, should not cost
     * the route its IO thread for good); after {@value #DEMOTIONS} times it stays on the worker pool.
     *
     * @param thread the IO thread it held
     * @param how blocked or busy
     */
    synchronized void demote(String thread, String how) {
        if (where != Where.IO_THREAD) {
            return;
        }
        boolean forGood = ++demotions >= DEMOTIONS;
        if (forGood) {
            where = Where.WORKER;
        } else {
            learnAgainLater();
        }
        LOG.warn(
                "{} held IO thread '{}' ({}) for about {} ms (chassis.http.dispatch.io-thread-budget);"
                        + " its calls run on the worker pool {}. Mark its handler Handler.blocking(...) if it may"
                        + " block.",
                route,
                thread,
                how,
                budgetMillis,
                forGood ? "from now on" : "until it is learned again (" + demotions + " of " + DEMOTIONS + ")");
    }
}
