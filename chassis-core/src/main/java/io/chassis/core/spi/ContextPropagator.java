package io.chassis.core.spi;

/**
 * Carries what a thread knows about the work it is doing (MDC entries, the active span, ...) to
 * another thread that continues that work, e.g. a time-limited client call or a task a handler
 * hands to its own executor. Contribute one with {@link ModuleContext#addContextPropagator}; core
 * carries the SLF4J MDC itself. Use them through {@link io.chassis.core.ContextPropagation}.
 */
@FunctionalInterface
public interface ContextPropagator {

    /**
     * Captures the calling thread's context. Runs on the thread that hands the work over, for every
     * hand-over: keep it cheap, and do not throw.
     *
     * @return what installs the captured context on the thread that runs the work; never null
     */
    Captured capture();

    /** A context captured on one thread, to be installed on another. */
    @FunctionalInterface
    interface Captured {

        /**
         * Installs the captured context on the current thread.
         *
         * @return closing it gives the thread back what it had before; never null
         */
        Restored restore();
    }

    /** A context installed on a thread; {@link #close()} gives the thread back its previous one. */
    @FunctionalInterface
    interface Restored extends AutoCloseable {

        /** Restores the thread's previous context; does not throw. */
        @Override
        void close();
    }
}
