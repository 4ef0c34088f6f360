package io.chassis.grpc.internal;

import io.chassis.core.spi.CallObserver;
import io.chassis.core.spi.ContextPropagator;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Interceptor 2: reports the call to the {@link CallObserver}s (tracing contributes one): a server
 * span named {@code package.Service/Method} with the rpc tags, active (trace ids in the MDC) during
 * every callback, finished with the status. Without observers it is not installed at all.
 */
final class TracingInterceptor implements ServerInterceptor {

    private final List<CallObserver> observers;
    private final CallObserver.CallInfo info;

    TracingInterceptor(List<CallObserver> observers, MethodInfo method) {
        this.observers = List.copyOf(observers);
        this.info = new CallObserver.CallInfo(
                "grpc",
                method.operation(),
                Map.of("rpc.system", "grpc", "rpc.service", method.service(), "rpc.method", method.method()));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Iterable<Map.Entry<String, String>> text = () -> textHeaders(headers);
        CallObserver.Observed[] observed = new CallObserver.Observed[observers.size()];
        String peer = peer(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        for (int i = 0; i < observed.length; i++) {
            observed[i] = observers.get(i).inbound(info, text);
            if (peer != null) {
                observed[i].tag("net.peer.ip", peer);
            }
        }
        Traced outcome = new Traced(observed);
        ContextPropagator.Restored[] active = activate(observed);
        try {
            return new Active<>(outcome.start(call, headers, next), observed);
        } finally {
            deactivate(active);
        }
    }

    private static String peer(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : null;
    }

    private static Iterator<Map.Entry<String, String>> textHeaders(Metadata headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (String key : headers.keys()) {
            if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
                if (value != null) {
                    entries.add(Map.entry(key, value));
                }
            }
        }
        return entries.iterator();
    }

    static ContextPropagator.Restored[] activate(CallObserver.Observed[] observed) {
        ContextPropagator.Restored[] restored = new ContextPropagator.Restored[observed.length];
        for (int i = 0; i < observed.length; i++) {
            restored[i] = observed[i].activate();
        }
        return restored;
    }

    static void deactivate(ContextPropagator.Restored[] restored) {
        for (int i = restored.length - 1; i >= 0; i--) {
            restored[i].close();
        }
    }

    private static final class Traced extends CallOutcome {

        private final CallObserver.Observed[] observed;

        Traced(CallObserver.Observed[] observed) {
            this.observed = observed;
        }

        @Override
        protected void ended(Status status) {
            finish(observed, status, MethodInfo.serverError(status.getCode()));
        }
    }

    /** Ends the observations of one call, server or client side, with its status. */
    static void finish(CallObserver.Observed[] observed, Status status, boolean error) {
        for (CallObserver.Observed o : observed) {
            o.tag("rpc.grpc.status_code", String.valueOf(status.getCode().value()));
            if (status.getCause() != null) {
                o.failed(status.getCause());
            }
            o.finish(status.getCode().name(), error);
        }
    }

    /** Makes the observations current during every callback. */
    private static final class Active<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final CallObserver.Observed[] observed;

        Active(ServerCall.Listener<Q> delegate, CallObserver.Observed[] observed) {
            super(delegate);
            this.observed = observed;
        }

        @Override
        public void onMessage(Q message) {
            ContextPropagator.Restored[] active = activate(observed);
            try {
                super.onMessage(message);
            } finally {
                deactivate(active);
            }
        }

        @Override
        public void onHalfClose() {
            ContextPropagator.Restored[] active = activate(observed);
            try {
                super.onHalfClose();
            } finally {
                deactivate(active);
            }
        }

        @Override
        public void onCancel() {
            ContextPropagator.Restored[] active = activate(observed);
            try {
                super.onCancel();
            } finally {
                deactivate(active);
            }
        }

        @Override
        public void onComplete() {
            ContextPropagator.Restored[] active = activate(observed);
            try {
                super.onComplete();
            } finally {
                deactivate(active);
            }
        }

        @Override
        public void onReady() {
            ContextPropagator.Restored[] active = activate(observed);
            try {
                super.onReady();
            } finally {
                deactivate(active);
            }
        }
    }
}
