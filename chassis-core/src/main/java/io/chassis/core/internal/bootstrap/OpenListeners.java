package io.chassis.core.internal.bootstrap;

import io.chassis.core.ChassisStartupException;
import io.chassis.core.spi.Listener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners modules added, once opened: each is drained and closed once, in parallel. */
public final class OpenListeners {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.core.Chassis");

    private record Open(Listener listener, AtomicBoolean closed) {

        boolean close(Duration grace) throws InterruptedException {
            return !closed.compareAndSet(false, true) || listener.close(grace);
        }
    }

    private final List<Open> open = new ArrayList<>();

    /**
     * Opens every listener, each on its own thread, while the caller runs {@code alongside} (the
     * HTTP server's start): binding a port is mostly class loading and initialisation, which
     * overlaps. Every listener that opened is registered with {@code running}, in order, also when
     * another or {@code alongside} failed, so a failed start closes it.
     *
     * @param listeners what the modules added
     * @param running where each opened listener's closer goes
     * @param alongside the caller's own start, run on this thread meanwhile
     * @throws ChassisStartupException when one cannot open, with its message; {@code alongside}'s own
     *     exception when it failed
     */
    public void openAll(List<Listener> listeners, RunningService running, Runnable alongside) {
        List<Opening> openings = new ArrayList<>();
        for (Listener listener : listeners) {
            Opening opening = new Opening(new Open(listener, new AtomicBoolean()));
            opening.thread.start();
            openings.add(opening);
        }
        RuntimeException failed = null;
        try {
            alongside.run();
        } catch (RuntimeException e) {
            failed = e;
        }
        boolean interrupted = false;
        for (Opening opening : openings) {
            while (opening.thread.isAlive()) {
                try {
                    opening.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the port may be bound by now: wait, so that it is closed
                }
            }
            if (opening.failure == null) {
                synchronized (this) {
                    open.add(opening.open);
                }
                running.started(
                        "the " + opening.open.listener().name() + " port", () -> opening.open.close(Duration.ZERO));
            } else {
                closeQuietly(opening.open);
                if (failed == null) {
                    failed = opening.failure instanceof InterruptedException
                            ? new ChassisStartupException(
                                    "interrupted while opening the "
                                            + opening.open.listener().name() + " port",
                                    opening.failure)
                            : new ChassisStartupException(opening.failure.getMessage(), opening.failure);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** One listener being opened on a thread of its own. */
    private static final class Opening {

        final Open open;
        final Thread thread;
        /** Written by {@link #thread}, read after joining it. */
        Exception failure;

        Opening(Open open) {
            this.open = open;
            this.thread =
                    new Thread(this::run, "chassis-open-" + open.listener().name());
        }

        private void run() {
            try {
                open.listener().open();
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    /** @return the open listeners, in order */
    public synchronized List<Listener> listeners() {
        return open.stream().map(Open::listener).toList();
    }

    /** Readiness turned DOWN: tells every listener. */
    public synchronized void draining() {
        for (Open o : open) {
            try {
                o.listener().draining();
            } catch (RuntimeException e) {
                LOG.warn("the {} port failed to start draining", o.listener().name(), e);
            }
        }
    }

    /**
     * Closes every listener with {@code grace}, each on its own thread, while the caller runs {@code
     * alongside} (the HTTP server's drain); returns once all are closed.
     *
     * @param grace what work in progress gets
     * @param alongside the caller's own drain, run on this thread meanwhile
     * @throws InterruptedException when interrupted while waiting
     */
    public void closeAll(Duration grace, Drain alongside) throws InterruptedException {
        List<Thread> closing = new ArrayList<>();
        for (Open o : snapshot()) {
            Thread t = new Thread(
                    () -> closeLogged(o, grace), "chassis-close-" + o.listener().name());
            t.start();
            closing.add(t);
        }
        try {
            alongside.run();
        } finally {
            for (Thread t : closing) {
                t.join();
            }
        }
    }

    /** The HTTP server's part of the shutdown. */
    @FunctionalInterface
    public interface Drain {
        /** @throws InterruptedException when interrupted */
        void run() throws InterruptedException;
    }

    private synchronized List<Open> snapshot() {
        return List.copyOf(open);
    }

    private static void closeLogged(Open o, Duration grace) {
        try {
            if (!o.close(grace)) {
                LOG.warn(
                        "Work in progress on the {} port did not finish within chassis.shutdown.grace-period={}; it"
                                + " was cut",
                        o.listener().name(),
                        grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("the {} port failed to close", o.listener().name(), e);
        }
    }

    private static void closeQuietly(Open o) {
        try {
            o.close(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("the {} port failed to close", o.listener().name(), e);
        }
    }
}
