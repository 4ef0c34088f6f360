package io.chassis.grpc.internal;

import io.chassis.core.spi.RequestIds;
import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.MDC;

/**
 * Interceptor 1: the call's request id. Takes a safe incoming {@code x-request-id} or generates one,
 * keeps it in the call's {@link Context} ({@link #KEY}) and in the MDC ({@code request_id}) during
 * every callback of the call, and echoes it in the response headers (or in the trailers of a
 * trailers-only response).
 */
final class RequestIdInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> HEADER = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    /** The call's request id, for the interceptors inside this one and for service code. */
    static final Context.Key<String> KEY = Context.key("chassis-request-id");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String id = RequestIds.acceptOrGenerate(headers.get(HEADER));
        Context context = Context.current().withValue(KEY, id);
        ServerCall<Q, R> echoing = new Echoing<>(call, id);
        Context previous = context.attach();
        String previousId = put(id);
        try {
            return new Scoped<>(next.startCall(echoing, headers), context, id);
        } finally {
            restore(previousId);
            context.detach(previous);
        }
    }

    /** @return the request id of the current call, or null outside a call */
    static String current() {
        return KEY.get();
    }

    private static String put(String id) {
        String previous = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, id);
        return previous;
    }

    private static void restore(String previous) {
        if (previous == null) {
            MDC.remove(RequestIds.MDC_KEY);
        } else {
            MDC.put(RequestIds.MDC_KEY, previous);
        }
    }

    private static final class Echoing<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final String id;
        private boolean headersSent;

        Echoing(ServerCall<Q, R> delegate, String id) {
            super(delegate);
            this.id = id;
        }

        @Override
        public void sendHeaders(Metadata headers) {
            headers.discardAll(HEADER);
            headers.put(HEADER, id);
            headersSent = true;
            super.sendHeaders(headers);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!headersSent) {
                // trailers-only response: the trailers are the only headers the client gets
                trailers.discardAll(HEADER);
                trailers.put(HEADER, id);
            }
            super.close(status, trailers);
        }
    }

    /** Runs every callback with the call's context attached and its request id in the MDC. */
    private static final class Scoped<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final Context context;
        private final String id;

        Scoped(ServerCall.Listener<Q> delegate, Context context, String id) {
            super(delegate);
            this.context = context;
            this.id = id;
        }

        @Override
        public void onMessage(Q message) {
            Context previous = context.attach();
            String previousId = put(id);
            try {
                super.onMessage(message);
            } finally {
                restore(previousId);
                context.detach(previous);
            }
        }

        @Override
        public void onHalfClose() {
            Context previous = context.attach();
            String previousId = put(id);
            try {
                super.onHalfClose();
            } finally {
                restore(previousId);
                context.detach(previous);
            }
        }

        @Override
        public void onCancel() {
            Context previous = context.attach();
            String previousId = put(id);
            try {
                super.onCancel();
            } finally {
                restore(previousId);
                context.detach(previous);
            }
        }

        @Override
        public void onComplete() {
            Context previous = context.attach();
            String previousId = put(id);
            try {
                super.onComplete();
            } finally {
                restore(previousId);
                context.detach(previous);
            }
        }

        @Override
        public void onReady() {
            Context previous = context.attach();
            String previousId = put(id);
            try {
                super.onReady();
            } finally {
                restore(previousId);
                context.detach(previous);
            }
        }
    }
}
