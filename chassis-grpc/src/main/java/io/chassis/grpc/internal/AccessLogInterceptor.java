package io.chassis.grpc.internal;

import io.chassis.core.spi.RequestIds;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Interceptor 4: one line per call on logger {@code chassis.access}, like HTTP's, with the fields
 * as key-value pairs: protocol, rpc_service, rpc_method, rpc_type, grpc_status, duration_ms,
 * remote, request_id, messages_in, messages_out, and tls_peer (the client certificate's subject) on an mTLS
 * call, subject for a caller the access rules admitted. The request id is on the line exactly once: from the MDC when the call
 * ends on one of its callbacks, else as a key-value pair.
 */
final class AccessLogInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger("chassis.access");

    /** The line of the call being started, for the interceptors inside this one to add to. */
    private static final Context.Key<Logged> LINE = Context.key("chassis-access-line");

    private final MethodInfo method;

    /**
     * Puts the caller's subject on the current call's line; called inside {@code interceptCall}.
     *
     * @param subject as it is to be logged; null for none
     */
    static void subject(String subject) {
        Logged line = LINE.get();
        if (line != null) {
            line.subject = subject;
        }
    }

    /** @return the subject of the client certificate of an mTLS call, as the HTTP line's tls_peer; else null */
    private static String tlsPeer(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            return session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null; // TLS without a client certificate
        }
    }

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
        Logged line = new Logged(System.nanoTime(), RequestIdInterceptor.current(), remote);
        line.tlsPeer = tlsPeer(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        // only while the call starts: that is when the interceptors inside add to the line
        Context context = Context.current().withValue(LINE, line);
        Context previous = context.attach();
        try {
            return line.start(call, headers, next);
        } finally {
            context.detach(previous);
        }
    }

    private final class Logged extends CallOutcome {

        private final long started;
        private final String requestId;
        private final SocketAddress remote;
        private volatile String subject;
        private String tlsPeer;

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
            if (tlsPeer != null) {
                line = line.addKeyValue("tls_peer", tlsPeer);
            }
            if (subject != null && MDC.get(AuthInterceptor.SUBJECT) == null) { // once, like the request id
                line = line.addKeyValue(AuthInterceptor.SUBJECT, subject);
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
