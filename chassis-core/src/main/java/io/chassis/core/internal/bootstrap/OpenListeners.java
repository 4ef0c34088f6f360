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
     * Opens every listener in order; on failure the ones already opened stay registered with {@code
     * running}, which closes them.
     *
     * @param listeners what the modules added
     * @param running where each opened listener's closer goes
     * @throws ChassisStartupException when one cannot open, with its message
     */
    public synchronized void openAll(List<Listener> listeners, RunningService running) {
        for (Listener listener : listeners) {
            Open opened = new Open(listener, new AtomicBoolean());
            try {
                listener.open();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(opened);
                throw new ChassisStartupException("interrupted while opening the " + listener.name() + " port", e);
            } catch (Exception e) {
                closeQuietly(opened);
                throw new ChassisStartupException(e.getMessage(), e);
            }
            open.add(opened);
            running.started("the " + listener.name() + " port", () -> opened.close(Duration.ZERO));
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
