package io.chassis.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.io.Flushable;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;

/**
 * An asynchronous appender that never blocks the logging thread and counts what it drops, on
 * logstash-logback-encoder's ring buffer (LMAX disruptor).
 *
 * <p>At most {@code queueSize} events (rounded up to a power of two) are accepted and not yet
 * written by the downstream appender; an event arriving when all slots are taken is dropped and
 * counted. All levels are treated alike. Producers never wake the writing thread: it sleeps for a
 * millisecond when the buffer is empty, so a busy service pays no hand-off per event, and writes
 * what accumulated in one batch (a buffering downstream is flushed at the end of each batch).
 * Measured on the access-log path, this cost less than logback's {@code AsyncAppender}, whose
 * queue takes a lock and signals its worker for every event.
 *
 * <p>Exactly one downstream appender may be attached. Usable from a user's {@code logback.xml} too.
 */
public class DropCountingAsyncAppender extends LoggingEventAsyncDisruptorAppender {

    /** The levels {@link #appendedEvents(Level)} counts. */
    public static final List<Level> LEVELS = List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE);

    private final LongAdder dropped = new LongAdder();
    /** Events appended, by index of {@link #LEVELS}: counted here, not by a turbo filter on every logger call. */
    private final LongAdder[] appended = {
        new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()
    };

    private int maxFlushTime = 1000;
    private boolean attached;
    /** Set while the JVM exits: events then bypass the buffer and are written by the logging thread. */
    private volatile boolean writeThrough;

    /** Creates the appender: 8192 slots, drop when full, the writer sleeping 1 ms when idle. */
    public DropCountingAsyncAppender() {
        setRingBufferSize(8192);
        setWaitStrategyType("sleeping{0,1000000}");
        setAddDefaultStatusListener(false); // stdout carries log lines only
        setShutdownGracePeriod(ch.qos.logback.core.util.Duration.buildByMilliseconds(maxFlushTime));
    }

    /** Sets how many events may wait; rounded up to the next power of two (at least 2). */
    public void setQueueSize(int queueSize) {
        setRingBufferSize(Math.max(2, Integer.highestOneBit(Math.max(queueSize, 1) - 1) << 1));
    }

    /** @return how many events may wait */
    public int getQueueSize() {
        return getRingBufferSize();
    }

    /** Sets how long stopping may take to write what is still queued, in milliseconds. */
    public void setMaxFlushTime(int millis) {
        this.maxFlushTime = millis;
        setShutdownGracePeriod(ch.qos.logback.core.util.Duration.buildByMilliseconds(millis));
    }

    /** @return how long stopping may take to write what is still queued, in milliseconds */
    public int getMaxFlushTime() {
        return maxFlushTime;
    }

    @Override
    protected void append(ILoggingEvent event) {
        appended[levelIndex(event.getLevel())].increment();
        if (writeThrough) {
            event.prepareForDeferredProcessing();
            Iterator<Appender<ILoggingEvent>> it = iteratorForAppenders();
            while (it.hasNext()) {
                Appender<ILoggingEvent> downstream = it.next();
                downstream.doAppend(event);
                flush(downstream);
            }
            return;
        }
        super.append(event);
    }

    @Override
    protected void fireEventAppendFailed(ILoggingEvent event, Throwable reason) {
        dropped.increment();
        super.fireEventAppendFailed(event, reason);
    }

    /** Attaches the downstream appender; a second one is refused with a logback status error. */
    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        if (attached) {
            addError("DropCountingAsyncAppender [" + getName() + "] takes exactly one appender, ignoring ["
                    + appender.getName() + "]");
            return;
        }
        attached = true;
        super.addAppender(appender);
    }

    /** Number of events dropped because the queue was full, since this appender was created. */
    public long droppedEvents() {
        return dropped.sum();
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

    /**
     * Waits until every accepted event has been written downstream.
     *
     * @return {@code true} if drained within {@code timeout}; {@code false} on timeout or interrupt
     */
    public boolean awaitDrained(Duration timeout) {
        if (!isStarted()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isRingBufferEmpty()) {
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
        Duration max = Duration.ofMillis(maxFlushTime);
        boolean drained = awaitDrained(max);
        writeThrough = true;
        return awaitDrained(max) && drained; // events that raced the switch
    }

    private void flush(Appender<ILoggingEvent> downstream) {
        if (downstream instanceof Flushable flushable) {
            try {
                flushable.flush();
            } catch (IOException e) {
                addError("Could not flush [" + downstream.getName() + "]", e);
            }
        }
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
}
