package io.chassis.core.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells how much time the caller of the current work has left, e.g. the remaining deadline of the
 * gRPC call being served. Core's named HTTP clients wait at most that long: {@code min(own
 * timeout, remaining)}. Contribute one with {@link ModuleContext#addDeadlineSource}.
 */
@FunctionalInterface
public interface DeadlineSource {

    /**
     * Runs on the thread that makes an outgoing call, for every call: keep it cheap, do not throw.
     *
     * @return the time left, or empty when this source knows of no deadline for the current work
     */
    Optional<Duration> remaining();
}
