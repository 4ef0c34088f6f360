package io.chassis.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.CoreConstants;
import io.chassis.logging.internal.AccessLines;
import java.time.Duration;

/**
 * Makes logging the last thing to finish when the JVM exits while a Chassis service runs.
 *
 * <p>JVM shutdown hooks run concurrently: logback's own hook ({@code chassis.logging.shutdown-hook})
 * would stop logging while core's hook is still draining requests and logging about it. So while
 * the service runs, logback's hook is unregistered, and the service's stop (logging's module is
 * stopped last) decides: if the JVM is exiting, every queue is written and later events are written
 * directly, so the final shutdown lines reach stdout too; otherwise (a programmatic stop) the queue
 * is flushed and logback's hook is registered again for whenever the JVM exits.
 */
final class ShutdownHandover {

    private final Thread logbackHook;

    private ShutdownHandover(Thread logbackHook) {
        this.logbackHook = logbackHook;
    }

    /** Unregisters logback's shutdown hook, if there is one, until {@link #finish()}. */
    static ShutdownHandover takeOver(LoggerContext context) {
        Thread hook = (Thread) context.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD);
        if (hook != null && !removeHook(hook)) {
            hook = null; // already exiting: logback's hook is running, nothing to take over
        }
        return new ShutdownHandover(hook);
    }

    /** Writes what is queued; see the class comment for what happens next. */
    void finish() {
        if (exiting()) {
            flush(true);
            return;
        }
        flush(false);
        if (logbackHook != null) {
            Runtime.getRuntime().addShutdownHook(logbackHook);
        }
    }

    /**
     * Writes every Chassis queue, each within its own {@code max-flush-time}.
     *
     * @param thenWriteThrough whether later events bypass the queues (the JVM is exiting)
     */
    static boolean flush(boolean thenWriteThrough) {
        boolean all = true;
        Duration max = Duration.ofMillis(1000);
        for (DropCountingAsyncAppender appender : ChassisLogging.asyncAppenders(ChassisLogging.context())) {
            max = Duration.ofMillis(appender.getMaxFlushTime());
            all &= thenWriteThrough ? appender.drainAndWriteThrough() : appender.awaitDrained(max);
        }
        for (AccessLines lines : ChassisLogging.accessLines(ChassisLogging.context())) {
            all &= thenWriteThrough ? lines.drainAndWriteThrough(max) : lines.awaitWritten(max);
        }
        return all;
    }

    /** Whether the JVM is running its shutdown hooks: registering one is then refused. */
    static boolean exiting() {
        Thread probe = new Thread(() -> {}, "chassis-logging-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }

    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
