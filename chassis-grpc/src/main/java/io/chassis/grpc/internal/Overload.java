package io.chassis.grpc.internal;

import io.chassis.core.spi.RequestIds;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.concurrent.Executor;

/**
 * Sheds load instead of resetting streams: grpc asks this, per call and before the call runs,
 * where to run it. While {@link CallExecutor} has room, there. When it is full, an application call
 * is marked in its headers and runs on the transport thread only as far as the protection
 * interceptor, which answers UNAVAILABLE with a retry delay (like HTTP's 503 with Retry-After); a
 * health or reflection call (cheap, non-blocking) is served on the transport thread.
 */
final class Overload implements ServerCallExecutorSupplier {

    /** Marks a shed call in its headers; the value is a secret of this server, so a client cannot forge it. */
    static final Metadata.Key<String> KEY = Metadata.Key.of("chassis-overloaded", Metadata.ASCII_STRING_MARSHALLER);

    /** Runs on the calling (transport) thread. */
    private static final Executor TRANSPORT_THREAD = Runnable::run;

    private final String token = RequestIds.generate();
    private volatile CallExecutor executor;

    /** @param executor where calls run while it has room; set when the server opens */
    void serveOn(CallExecutor executor) {
        this.executor = executor;
    }

    /** @return whether this server marked the call as shed */
    boolean shed(Metadata headers) {
        return token.equals(headers.get(KEY));
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        CallExecutor calls = executor;
        if (calls.hasRoom()) {
            return calls;
        }
        String service = call.getMethodDescriptor().getServiceName();
        if (service == null || !(service.startsWith("grpc.health.") || service.startsWith("grpc.reflection."))) {
            headers.discardAll(KEY);
            headers.put(KEY, token);
        }
        return TRANSPORT_THREAD;
    }
}
