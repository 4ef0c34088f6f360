package io.chassis.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.chassis.logging.internal.SlotReleasingAppender;
import java.io.Flushable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * A logback {@link AsyncAppender} that never blocks the logging thread and counts what it drops.
 *
 * <p>At most {@code queueSize} events are accepted and not yet written by the downstream appender;
 * an event arriving when all slots are taken is dropped and counted. All levels are treated alike
 * (logback's level-based discarding is off). Logback's own queue cannot overflow because a slot is
 * taken before an event is queued and given back only after the downstream appender wrote it.
 *
 * <p>Exactly one downstream appender may be attached. Usable from a user's {@code logback.xml} too.
 */
public class DropCountingAsyncAppender extends AsyncAppender {

    private final LongAdder dropped = new LongAdder();
    /** Events appended, by level (index of {@link #LEVELS}): counted here, not by a turbo filter on every logger call. */
    private final LongAdder[] appended = {
        new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()
    };

    /** The levels {@link #appendedEvents(Level)} counts. */
    public static final List<Level> LEVELS = List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE);

    private volatile Semaphore slots;
    private int capacity;
    private Appender<ILoggingEvent> downstream;
    /** Set while the JVM exits: events then bypass the queue and are written by the logging thread. */
    private volatile Appender<ILoggingEvent> writeThrough;

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        setNeverBlock(true);
        setDiscardingThreshold(0);
        capacity = Math.max(getQueueSize(), 1);
        slots = new Semaphore(capacity);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        appended[levelIndex(event.getLevel())].increment();
        Appender<ILoggingEvent> direct = writeThrough;
        if (direct != null) {
            direct.doAppend(event);
            flushDownstream();
            return;
        }
        if (!slots.tryAcquire()) {
            dropped.increment();
            return;
        }
        boolean queued = false;
        try {
            super.append(event);
            queued = true;
        } finally {
            if (!queued) {
                slots.release();
            }
        }
    }

    /** Attaches the downstream appender; a second one is refused with a logback status error. */
    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        if (downstream != null) {
            addError("DropCountingAsyncAppender [" + getName() + "] takes exactly one appender, ignoring ["
                    + appender.getName() + "]");
            return;
        }
        downstream = appender;
        SlotReleasingAppender wrapper = new SlotReleasingAppender(appender, this::releaseSlot);
        wrapper.setContext(getContext());
        super.addAppender(wrapper);
    }

    /**
     * Number of events of {@code level} this appender was given (written or dropped) since it was created.
     *
     * @throws IllegalArgumentException for a level outside {@link #LEVELS}
     */
    public long appendedEvents(Level level) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("level must be one of " + LEVELS + ", but was '" + level + "'");
        }
        return appended[levelIndex(level)].sum();
    }

    private static int levelIndex(Level level) {
        int value = level.toInt();
        if (value >= Level.ERROR_INT) {
            return 0;
        } else if (value >= Level.WARN_INT) {
            return 1;
        } else if (value >= Level.INFO_INT) {
            return 2;
        }
        return value >= Level.DEBUG_INT ? 3 : 4;
    }

    /** Number of events dropped because the queue was full, since this appender was created. */
    public long droppedEvents() {
        return dropped.sum();
    }

    /**
     * Waits until every accepted event has been written downstream.
     *
     * @return {@code true} if drained within {@code timeout}; {@code false} on timeout or interrupt
     */
    public boolean awaitDrained(Duration timeout) {
        Semaphore current = slots;
        if (current == null || !isStarted()) {
            return true;
        }
        int capacity = Math.max(getQueueSize(), 1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (current.availablePermits() < capacity) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * For the last moments of the JVM: writes what is queued (waiting up to {@code maxFlushTime}),
     * then writes every later event directly on the thread that logs it, so that lines logged by the
     * final shutdown steps are not lost in a queue nobody drains any more.
     *
     * @return {@code true} if the queue was written completely
     */
    boolean drainAndWriteThrough() {
        Duration max = Duration.ofMillis(getMaxFlushTime());
        boolean drained = awaitDrained(max);
        writeThrough = downstream;
        return awaitDrained(max) && drained; // events that raced the switch
    }

    /** Runs on the worker thread after each write: a buffering downstream is flushed once the queue is empty. */
    private void releaseSlot() {
        Semaphore current = slots;
        if (current != null) {
            current.release();
            if (current.availablePermits() == capacity) {
                flushDownstream();
            }
        }
    }

    private void flushDownstream() {
        if (downstream instanceof Flushable flushable) {
            try {
                flushable.flush();
            } catch (IOException e) {
                addError("Could not flush [" + downstream.getName() + "]", e);
            }
        }
    }
}
