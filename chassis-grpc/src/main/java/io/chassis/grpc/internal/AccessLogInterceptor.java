package io.chassis.grpc.internal;

import io.chassis.core.spi.RequestIds;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Interceptor 4: one line per call on logger {@code chassis.access}, like HTTP's, with the fields
 * as key-value pairs: protocol, rpc_service, rpc_method, rpc_type, grpc_status, duration_ms,
 * remote, request_id, messages_in, messages_out. The request id is on the line exactly once: from the MDC when the call
 * ends on one of its callbacks, else as a key-value pair.
 */
final class AccessLogInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger("chassis.access");

    private final MethodInfo method;

    AccessLogInterceptor(MethodInfo method) {
        this.method = method;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!LOG.isInfoEnabled()) {
            return next.startCall(call, headers);
        }
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return new Logged(System.nanoTime(), RequestIdInterceptor.current(), remote).start(call, headers, next);
    }

    private final class Logged extends CallOutcome {

        private final long started;
        private final String requestId;
        private final SocketAddress remote;

        Logged(long started, String requestId, SocketAddress remote) {
            this.started = started;
            this.requestId = requestId;
            this.remote = remote;
        }

        @Override
        protected void ended(Status status) {
            LoggingEventBuilder line = LOG.atInfo();
            if (requestId != null && MDC.get(RequestIds.MDC_KEY) == null) {
                line = line.addKeyValue(RequestIds.MDC_KEY, requestId);
            }
            line.addKeyValue("protocol", "grpc")
                    // rpc_* and grpc_status: "service" is the service's own name on every line, and
                    // "method"/"status" are the HTTP line's (a verb, a number)
                    .addKeyValue("rpc_service", method.service())
                    .addKeyValue("rpc_method", method.method())
                    .addKeyValue("rpc_type", method.type())
                    .addKeyValue("grpc_status", status.getCode().name())
                    .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
                    .addKeyValue("remote", peer())
                    .addKeyValue("messages_in", received())
                    .addKeyValue("messages_out", sent())
                    .log("call"); // a constant: the fields say it all
        }

        private String peer() {
            return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                    ? inet.getAddress().getHostAddress()
                    : null;
        }
    }
}
