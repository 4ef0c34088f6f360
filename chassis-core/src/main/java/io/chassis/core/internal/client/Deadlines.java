package io.chassis.core.internal.client;

import io.chassis.core.spi.DeadlineSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@link DeadlineSource} of the service: a client waits no longer than the soonest says. */
final class Deadlines {

    private final List<DeadlineSource> sources = new CopyOnWriteArrayList<>();

    void add(DeadlineSource source) {
        sources.add(source);
    }

    /** @return {@code own}, or the remaining deadline of the current work when that is sooner */
    Duration cap(Duration own) {
        Duration wait = own;
        for (DeadlineSource source : sources) {
            Optional<Duration> remaining = source.remaining();
            if (remaining.isPresent() && remaining.get().compareTo(wait) < 0) {
                wait = remaining.get();
            }
        }
        return wait;
    }
}
