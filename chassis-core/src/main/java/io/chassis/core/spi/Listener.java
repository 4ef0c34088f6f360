package io.chassis.core.spi;

import java.time.Duration;

/**
 * A port a module serves next to core's HTTP and admin ports (e.g. gRPC), inside the chassis
 * lifecycle. Contribute one with {@link ModuleContext#addListener}; core then:
 *
 * <ol>
 *   <li>calls {@link #open()} once every module has started, right after the HTTP ports opened, and
 *       lists {@link #port()} in the started line and in {@code Chassis.port(name)};
 *   <li>on shutdown, turns readiness DOWN and calls {@link #draining()} on every listener, waits
 *       {@code chassis.shutdown.drain-delay} (the listener keeps serving), then calls {@link
 *       #close(Duration)} with {@code chassis.shutdown.grace-period} on every listener and the HTTP
 *       server at once;
 *   <li>stops the modules only after every listener closed, so a module's clients outlive the calls
 *       its listener was still serving.
 * </ol>
 *
 * A listener that failed to open, or a start that failed after it opened, is closed with no grace.
 */
public interface Listener {

    /**
     * @return a short lower-case name, unique in the service, e.g. {@code grpc}: the key of {@code
     *     Chassis.port(name)} and of the started line's {@code <name>_port}
     */
    String name();

    /**
     * Binds the port and starts serving.
     *
     * @throws Exception when it cannot; the start fails with this message, which should name the
     *     setting to change (e.g. {@code chassis.grpc.port})
     */
    void open() throws Exception;

    /** @return the bound port once open (the real one when configured as 0); -1 before or after */
    int port();

    /** Readiness just turned DOWN: tell health probes, keep serving. Must not throw. */
    default void draining() {}

    /**
     * Refuses new work, gives the work in progress up to {@code grace}, then cuts what is left.
     * Called once; also after a failed {@link #open()}.
     *
     * @param grace the time work in progress gets; {@link Duration#ZERO} after a failed start
     * @return true when every piece of work finished within {@code grace}
     * @throws InterruptedException when interrupted while waiting; cut what is left first
     */
    boolean close(Duration grace) throws InterruptedException;
}
