package io.chassis.grpc.internal;

import io.chassis.grpc.GrpcErrors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.time.Duration;

/**
 * Interceptor 5: protection. Answers a call that {@link Overload} shed (the call executor was full)
 * with UNAVAILABLE and a {@code google.rpc.RetryInfo} of {@code chassis.http.retry-after}, on the
 * transport thread and without running the method. Server-side protection by the {@code CallGuard}s
 * of core's SPI (rate limit, concurrency) goes here once core offers them.
 *
 * <p>CALL GUARD HOOK. With the SPI: {@code Permit permit = guard.enter("grpc", method.operation())}
 * for each guard before {@code next.startCall}; {@code CallRejectedException} of kind RATE_LIMITED
 * closes the call with {@code GrpcErrors.resourceExhausted(.., retryAfter)}, AT_CAPACITY with {@code
 * GrpcErrors.unavailable(.., retryAfter)} (both carry google.rpc.RetryInfo); the permit is closed
 * when the call ends (a {@link CallOutcome}).
 */
final class ProtectionInterceptor implements ServerInterceptor {

    private final MethodInfo method;
    private final Overload overload;
    private final Duration retryAfter;

    ProtectionInterceptor(MethodInfo method, Overload overload, Duration retryAfter) {
        this.method = method;
        this.overload = overload;
        this.retryAfter = retryAfter;
    }

    /** @return the operation the guards protect, e.g. {@code currency.v1.CurrencyService/GetRate} */
    String operation() {
        return method.operation();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (overload.shed(headers)) {
            StatusRuntimeException overloaded =
                    GrpcErrors.unavailable("The server is overloaded. Retry later.", retryAfter);
            call.close(overloaded.getStatus(), overloaded.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers); // CALL GUARD HOOK: see the class description
    }
}
