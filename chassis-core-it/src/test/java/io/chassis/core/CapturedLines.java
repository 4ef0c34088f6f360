package io.chassis.core;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A list appender a test may read while the service logs from its own threads (IO, workers, the TLS
 * reloader): logback's plain one is an ArrayList, and iterating it beside an append throws
 * ConcurrentModificationException. The MDC is captured when the line is logged, as an asynchronous
 * appender does.
 */
final class CapturedLines extends ListAppender<ILoggingEvent> {

    CapturedLines() {
        list = new CopyOnWriteArrayList<>();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        super.append(event);
    }
}
