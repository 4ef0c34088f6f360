package io.chassis.core.internal.bootstrap;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service has started, in order, so that a failed start and {@code stop()} close the same
 * things the same way: in reverse, each once, a failure logged without stopping the rest.
 */
public final class RunningService {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    /** Closes one started thing. */
    @FunctionalInterface
    public interface Closer {
        /** @throws Exception logged; the remaining things are still closed */
        void close() throws Exception;
    }

    private record Step(String what, Closer closer) {}

    private final Deque<Step> steps = new ArrayDeque<>();

    /**
     * Records that {@code what} is running and how to close it.
     *
     * @param what named in the log if closing fails, e.g. {@code module 'health'}
     * @param closer closes it
     */
    public synchronized void started(String what, Closer closer) {
        steps.push(new Step(what, closer));
    }

    /** Closes everything recorded, the last started first; safe to call more than once. */
    public void closeAll() {
        while (true) {
            Step step;
            synchronized (this) {
                step = steps.poll();
            }
            if (step == null) {
                return;
            }
            try {
                step.closer().close();
            } catch (Exception e) {
                LOG.warn("{} failed to stop", step.what(), e);
            }
        }
    }
}
