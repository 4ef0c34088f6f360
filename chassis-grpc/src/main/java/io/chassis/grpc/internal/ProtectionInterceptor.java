package io.chassis.grpc.internal;

import io.chassis.core.spi.CallGuard;
import io.chassis.grpc.GrpcErrors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Interceptor 5: protection, on the transport thread and without running the method. A call that
 * {@link Overload} shed (the call executor was full) is answered UNAVAILABLE with a {@code
 * google.rpc.RetryInfo} of {@code chassis.http.retry-after}. Then every {@link CallGuard} of core's
 * SPI (chassis-resilience's rate limit and bulkhead by operation) is asked: a rate limit answers
 * RESOURCE_EXHAUSTED, a full bulkhead UNAVAILABLE, both with the guard's retry delay as RetryInfo.
 * The permits are released when the call ends, however it ends.
 */
final class ProtectionInterceptor implements ServerInterceptor {

    private static final ServerCall.Listener<Object> NOTHING = new ServerCall.Listener<>() {};

    private final MethodInfo method;
    private final Overload overload;
    private final Duration retryAfter;
    private final CallGuard[] guards;

    ProtectionInterceptor(MethodInfo method, Overload overload, Duration retryAfter, List<CallGuard> guards) {
        this.method = method;
        this.overload = overload;
        this.retryAfter = retryAfter;
        this.guards = guards.toArray(CallGuard[]::new);
    }

    /** @return the operation the guards protect, e.g. {@code currency.v1.CurrencyService/GetRate} */
    String operation() {
        return method.operation();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (overload.shed(headers)) {
            return refuse(call, GrpcErrors.unavailable("The server is overloaded. Retry later.", retryAfter));
        }
        if (guards.length == 0) {
            return next.startCall(call, headers);
        }
        List<CallGuard.Permit> permits = new ArrayList<>(guards.length);
        for (CallGuard guard : guards) {
            try {
                permits.add(guard.enter("grpc", method.operation()));
            } catch (CallGuard.Rejected rejected) {
                permits.forEach(CallGuard.Permit::close);
                return refuse(call, refusal(rejected));
            }
        }
        Released released = new Released(permits);
        try {
            return released.start(call, headers, next);
        } catch (RuntimeException e) {
            released.ended(Status.INTERNAL); // the method never started: nothing else will release them
            throw e;
        }
    }

    /** @return the answer to a guard's refusal: RESOURCE_EXHAUSTED for a rate limit, else UNAVAILABLE, both with RetryInfo */
    static StatusRuntimeException refusal(CallGuard.Rejected rejected) {
        return rejected.reason() == CallGuard.Rejected.Reason.RATE_LIMITED
                ? GrpcErrors.resourceExhausted(rejected.getMessage(), rejected.retryAfter())
                : GrpcErrors.unavailable(rejected.getMessage(), rejected.retryAfter());
    }

    @SuppressWarnings("unchecked")
    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, StatusRuntimeException answer) {
        call.close(answer.getStatus(), answer.getTrailers());
        return (ServerCall.Listener<Q>) NOTHING;
    }

    /** Closes the permits once, when the call is closed or cancelled. */
    private static final class Released extends CallOutcome {

        private final List<CallGuard.Permit> permits;
        private boolean done;

        Released(List<CallGuard.Permit> permits) {
            this.permits = permits;
        }

        @Override
        protected synchronized void ended(Status status) {
            if (!done) {
                done = true;
                permits.forEach(CallGuard.Permit::close);
            }
        }
    }
}
