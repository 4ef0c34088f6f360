package io.chassis.logging.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Explains, just before the first line logging writes, why it fell back to JSON at INFO. A process
 * that writes no line writes no explanation either: a Chassis service whose configuration cannot be
 * loaded reports the problems itself, once, on stderr (the {@code check} command, a failed start).
 *
 * <p>It is the first appender of the root logger and removes itself after the first event.
 */
final class FallbackNotice extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final Logger root;
    private final Runnable explain;
    private final AtomicBoolean told = new AtomicBoolean();

    private FallbackNotice(Logger root, Runnable explain) {
        this.root = root;
        this.explain = explain;
    }

    /**
     * Makes {@code explain} run once, before the first event reaches the root logger's other appenders.
     *
     * @param explain logs the explanation through {@code context}
     */
    static void attach(LoggerContext context, Runnable explain) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        FallbackNotice notice = new FallbackNotice(root, explain);
        notice.setContext(context);
        notice.setName("CHASSIS_FALLBACK_NOTICE");
        notice.start();
        List<Appender<ILoggingEvent>> others = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            others.add(it.next());
        }
        others.forEach(root::detachAppender);
        root.addAppender(notice);
        others.forEach(root::addAppender);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (told.compareAndSet(false, true)) {
            root.detachAppender(this); // the explanation itself, and everything after, skips this appender
            explain.run();
            stop();
        }
    }
}
