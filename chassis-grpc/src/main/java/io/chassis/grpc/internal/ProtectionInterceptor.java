package io.chassis.grpc.internal;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Interceptor 5: protection of the service's methods by the {@code CallGuard}s of core's SPI (rate
 * limit, concurrency), once core offers them. Until then it passes every call through; it holds its
 * place in the chain so the order stays the documented one.
 *
 * <p>CALL GUARD HOOK. With the SPI: {@code Permit permit = guard.enter("grpc", method.operation())}
 * for each guard before {@code next.startCall}; {@code CallRejectedException} of kind RATE_LIMITED
 * closes the call with {@code GrpcErrors.resourceExhausted(.., retryAfter)}, AT_CAPACITY with {@code
 * GrpcErrors.unavailable(.., retryAfter)} (both carry google.rpc.RetryInfo); the permit is closed
 * when the call ends (a {@link CallOutcome}).
 */
final class ProtectionInterceptor implements ServerInterceptor {

    private final MethodInfo method;

    ProtectionInterceptor(MethodInfo method) {
        this.method = method;
    }

    /** @return the operation the guards protect, e.g. {@code currency.v1.CurrencyService/GetRate} */
    String operation() {
        return method.operation();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(call, headers); // CALL GUARD HOOK: see the class description
    }
}
