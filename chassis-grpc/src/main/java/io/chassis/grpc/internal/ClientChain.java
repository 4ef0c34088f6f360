package io.chassis.grpc.internal;

import io.chassis.core.spi.CallGuard;
import io.chassis.core.spi.CallObserver;
import io.chassis.core.spi.ClientGuard;
import io.chassis.core.spi.ContextPropagator;
import io.chassis.core.spi.RequestIds;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The interceptors of one named client's channel, outermost first: metrics ({@code
 * grpc.client.requests}), tracing (the {@link CallObserver}s' outbound side: a client span, its
 * context injected into the metadata), the request id of the current work as {@code x-request-id},
 * the default deadline, then the {@link ClientGuard}s (circuit breaker, rate limit, bulkhead). The
 * channel's own retries run below all of them: a call is timed, traced and guarded once.
 */
final class ClientChain {

    private static final Status.Code[] CODES = Status.Code.values();

    private final String client;
    private final MeterRegistry registry;
    private final List<CallObserver> observers;
    private final Duration deadline;
    private final List<ClientGuard.Guarded> guards;
    /** The authorization of the request being served on this thread; null when not forwarded. */
    private final Supplier<String> callerToken;

    private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();
    private final Map<String, CallObserver.CallInfo> infos = new ConcurrentHashMap<>();

    ClientChain(
            String client,
            MeterRegistry registry,
            List<CallObserver> observers,
            Duration deadline,
            List<ClientGuard.Guarded> guards,
            Supplier<String> callerToken) {
        this.client = client;
        this.callerToken = callerToken;
        this.registry = registry;
        this.observers = List.copyOf(observers);
        this.deadline = deadline;
        this.guards = List.copyOf(guards);
    }

    /** @return the interceptors in the order {@code ClientInterceptors.intercept} wants: innermost first */
    List<ClientInterceptor> innermostFirst() {
        List<ClientInterceptor> chain = new ArrayList<>();
        if (!guards.isEmpty()) {
            chain.add(this::guarded);
        }
        chain.add(this::withDefaultDeadline);
        chain.add(this::withRequestId);
        if (callerToken != null) {
            chain.add(this::withCallerToken);
        }
        if (!observers.isEmpty()) {
            chain.add(this::traced);
        }
        chain.add(this::timed);
        return chain;
    }

    // --- metrics ---------------------------------------------------------------------------

    private <Q, R> ClientCall<Q, R> timed(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        AtomicReferenceArray<Timer> byCode =
                timers.computeIfAbsent(method.getFullMethodName(), k -> new AtomicReferenceArray<>(CODES.length));
        return new Watched<>(next.newCall(method, options)) {
            private long started;

            @Override
            void starting() {
                started = System.nanoTime();
            }

            @Override
            void closed(Status status) {
                timer(byCode, method, status.getCode()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Timer timer(AtomicReferenceArray<Timer> byCode, MethodDescriptor<?, ?> method, Status.Code code) {
        Timer timer = byCode.get(code.ordinal());
        if (timer == null) {
            MethodInfo info = MethodInfo.of(method);
            timer = Timer.builder("grpc.client.requests")
                    .description("gRPC calls made by named clients")
                    .tag("client", client)
                    .tag("rpc_service", info.service())
                    .tag("rpc_method", info.method())
                    .tag("rpc_status", code.name())
                    .register(registry);
            byCode.set(code.ordinal(), timer);
        }
        return timer;
    }

    // --- tracing ---------------------------------------------------------------------------

    private <Q, R> ClientCall<Q, R> traced(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        CallObserver.CallInfo info = infos.computeIfAbsent(method.getFullMethodName(), k -> {
            MethodInfo m = MethodInfo.of(method);
            return new CallObserver.CallInfo(
                    "grpc",
                    m.operation(),
                    Map.of(
                            "rpc.system",
                            "grpc",
                            "rpc.service",
                            m.service(),
                            "rpc.method",
                            m.method(),
                            "peer.service",
                            client));
        });
        return new Watched<>(next.newCall(method, options)) {
            private CallObserver.Observed[] observed;

            @Override
            void starting(Metadata headers) {
                observed = new CallObserver.Observed[observers.size()];
                for (int i = 0; i < observed.length; i++) {
                    observed[i] = observers
                            .get(i)
                            .outbound(
                                    info,
                                    (k, v) -> headers.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
                }
            }

            @Override
            void closed(Status status) {
                TracingInterceptor.finish(observed, status, status.getCode() != Status.Code.OK);
            }

            @Override
            ContextPropagator.Restored[] activate() {
                return TracingInterceptor.activate(observed);
            }
        };
    }

    // --- request id and deadline -----------------------------------------------------------

    private <Q, R> ClientCall<Q, R> withRequestId(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String id = MDC.get(RequestIds.MDC_KEY);
        if (id == null) {
            id = RequestIdInterceptor.current(); // the served call's, on a thread without its MDC
        }
        if (id == null) {
            return next.newCall(method, options);
        }
        String requestId = id;
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                if (!headers.containsKey(RequestIdInterceptor.HEADER)) {
                    headers.put(RequestIdInterceptor.HEADER, requestId);
                }
                super.start(listener, headers);
            }
        };
    }

    private <Q, R> ClientCall<Q, R> withCallerToken(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String token = callerToken.get();
        if (token == null) {
            return next.newCall(method, options);
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                if (!headers.containsKey(AuthInterceptor.AUTHORIZATION)) {
                    headers.put(AuthInterceptor.AUTHORIZATION, token);
                }
                super.start(listener, headers);
            }
        };
    }

    private <Q, R> ClientCall<Q, R> withDefaultDeadline(
            MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        // grpc-java applies the sooner of the call's and the current Context's deadline itself
        Deadline own = options.getDeadline();
        Deadline inherited = Context.current().getDeadline();
        if (own == null && inherited == null) {
            options = options.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
        }
        return next.newCall(method, options);
    }

    // --- resilience ------------------------------------------------------------------------

    private <Q, R> ClientCall<Q, R> guarded(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String operation = method.getFullMethodName();
        List<ClientGuard.Attempt> attempts = new ArrayList<>(guards.size());
        for (ClientGuard.Guarded guard : guards) {
            try {
                attempts.add(guard.enter(operation));
            } catch (CallGuard.Rejected rejected) {
                attempts.forEach(a -> a.ended(false, null));
                return new Refused<>(ProtectionInterceptor.refusal(rejected));
            }
        }
        return new Watched<>(next.newCall(method, options)) {
            @Override
            void closed(Status status) {
                boolean failure = dependencyFailure(status.getCode());
                StatusRuntimeException cause = failure ? status.asRuntimeException() : null;
                for (ClientGuard.Attempt attempt : attempts) {
                    attempt.ended(failure, cause);
                }
            }

            @Override
            void neverStarted() {
                attempts.forEach(a -> a.ended(false, null));
            }
        };
    }

    /** @return whether the called service failed (not the caller's request): what opens a breaker */
    static boolean dependencyFailure(Status.Code code) {
        return switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, DATA_LOSS, RESOURCE_EXHAUSTED -> true;
            default -> false;
        };
    }

    /**
     * A client call that sees its start and its close once, whatever ends it (a closed call, a
     * failed start, a cancel before start).
     */
    private abstract static class Watched<Q, R> extends ForwardingClientCall.SimpleForwardingClientCall<Q, R> {

        private boolean started;
        private boolean done;

        Watched(ClientCall<Q, R> delegate) {
            super(delegate);
        }

        void starting() {}

        void starting(Metadata headers) {
            starting();
        }

        abstract void closed(Status status);

        void neverStarted() {}

        ContextPropagator.Restored[] activate() {
            return null;
        }

        private synchronized boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            return true;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            started = true;
            starting(headers);
            ContextPropagator.Restored[] active = activate();
            try {
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                if (finish()) {
                                    closed(status);
                                }
                                super.onClose(status, trailers);
                            }
                        },
                        headers);
            } catch (RuntimeException e) {
                if (finish()) {
                    closed(Status.fromThrowable(e));
                }
                throw e;
            } finally {
                if (active != null) {
                    TracingInterceptor.deactivate(active);
                }
            }
        }

        @Override
        public void cancel(String message, Throwable cause) {
            if (!started && finish()) {
                neverStarted();
            }
            super.cancel(message, cause);
        }
    }

    /** A call a guard refused: never sent, closed with the refusal as soon as it starts. */
    private static final class Refused<Q, R> extends ClientCall<Q, R> {

        private final StatusRuntimeException refusal;

        Refused(StatusRuntimeException refusal) {
            this.refusal = refusal;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            Metadata trailers = refusal.getTrailers() == null ? new Metadata() : refusal.getTrailers();
            listener.onClose(refusal.getStatus(), trailers);
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
    }
}
