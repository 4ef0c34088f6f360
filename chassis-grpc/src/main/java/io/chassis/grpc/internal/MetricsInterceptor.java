package io.chassis.grpc.internal;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Interceptor 3: timer {@code grpc.server.requests} (tags {@code rpc_service}, {@code rpc_method},
 * {@code rpc_type}, {@code rpc_status}) and counters {@code grpc.server.messages.received} /
 * {@code .sent} (tags {@code rpc_service}, {@code rpc_method}). One instance per method: the meters
 * are found once (a timer per status, on its first use), never looked up per call.
 */
final class MetricsInterceptor implements ServerInterceptor {

    private static final Status.Code[] CODES = Status.Code.values();

    private final MeterRegistry registry;
    private final MethodInfo method;
    private final Counter received;
    private final Counter sent;
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(CODES.length);

    MetricsInterceptor(MeterRegistry registry, MethodInfo method) {
        this.registry = registry;
        this.method = method;
        this.received = Counter.builder("grpc.server.messages.received")
                .description("Messages received by the gRPC server")
                .tag("rpc_service", method.service())
                .tag("rpc_method", method.method())
                .register(registry);
        this.sent = Counter.builder("grpc.server.messages.sent")
                .description("Messages sent by the gRPC server")
                .tag("rpc_service", method.service())
                .tag("rpc_method", method.method())
                .register(registry);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return new Measured(System.nanoTime()).start(call, headers, next);
    }

    private Timer timer(Status.Code code) {
        Timer timer = timers.get(code.ordinal());
        if (timer == null) {
            timer = Timer.builder("grpc.server.requests")
                    .description("gRPC calls served")
                    .tag("rpc_service", method.service())
                    .tag("rpc_method", method.method())
                    .tag("rpc_type", method.type())
                    .tag("rpc_status", code.name())
                    .register(registry);
            timers.set(code.ordinal(), timer);
        }
        return timer;
    }

    private final class Measured extends CallOutcome {

        private final long started;

        Measured(long started) {
            this.started = started;
        }

        @Override
        protected void onReceived() {
            received.increment();
        }

        @Override
        protected void onSent() {
            sent.increment();
        }

        @Override
        protected void ended(Status status) {
            timer(status.getCode()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
