package io.chassis.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Sits between the async worker and the real appender: after each event is written (or failed), it
 * gives a queue slot back to the owning {@code DropCountingAsyncAppender}.
 */
public final class SlotReleasingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final Appender<ILoggingEvent> delegate;
    private final Runnable releaseSlot;

    /** Wraps {@code delegate}; the wrapper is started at once, the delegate keeps its own state. */
    public SlotReleasingAppender(Appender<ILoggingEvent> delegate, Runnable releaseSlot) {
        this.delegate = delegate;
        this.releaseSlot = releaseSlot;
        setName(delegate.getName());
        super.start();
    }

    /** The real appender this wrapper writes to. */
    public Appender<ILoggingEvent> delegate() {
        return delegate;
    }

    @Override
    protected void append(ILoggingEvent event) {
        try {
            delegate.doAppend(event);
        } finally {
            releaseSlot.run();
        }
    }

    @Override
    public void stop() {
        super.stop();
        delegate.stop();
    }
}
