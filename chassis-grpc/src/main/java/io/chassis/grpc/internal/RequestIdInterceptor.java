package io.chassis.grpc.internal;

import io.chassis.core.spi.RequestIds;
import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

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
        return ScopedListener.start(context, RequestIds.MDC_KEY, id, new Echoing<>(call, id), headers, next);
    }

    /** @return the request id of the current call, or null outside a call */
    static String current() {
        return KEY.get();
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
}
