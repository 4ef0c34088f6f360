package io.chassis.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A downstream appender that holds the async worker until {@link #release()} is called. */
final class BlockingAppender extends AppenderBase<ILoggingEvent> {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    final List<String> written = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        entered.countDown();
        boolean interrupted = false;
        while (gate.getCount() > 0) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                interrupted = true; // logback interrupts the worker on stop; keep waiting for the gate
            }
        }
        written.add(event.getFormattedMessage());
        threads.add(Thread.currentThread().getName());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void release() {
        gate.countDown();
    }
}
