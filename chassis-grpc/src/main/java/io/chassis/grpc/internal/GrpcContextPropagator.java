package io.chassis.grpc.internal;

import io.chassis.core.spi.ContextPropagator;
import io.grpc.Context;

/**
 * Carries the {@link Context} of a gRPC call (its deadline, cancellation and request id) to the
 * threads that continue the call's work through {@code app.contextPropagation()}.
 */
final class GrpcContextPropagator implements ContextPropagator {

    private static final Captured NOTHING = () -> () -> {};

    @Override
    public Captured capture() {
        Context context = Context.current();
        if (context == Context.ROOT) {
            return NOTHING;
        }
        return () -> {
            Context previous = context.attach();
            return () -> context.detach(previous);
        };
    }
}
