package io.chassis.grpc.internal;

import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * What the interceptors of one method need, computed once when the server is built, never per call.
 *
 * @param service the full service name, e.g. {@code currency.v1.CurrencyService}
 * @param method the bare method name, e.g. {@code GetRate}
 * @param operation {@code service/method}, the span name
 * @param type UNARY, CLIENT_STREAMING, SERVER_STREAMING or BIDI_STREAMING
 */
record MethodInfo(String service, String method, String operation, String type) {

    static MethodInfo of(MethodDescriptor<?, ?> descriptor) {
        String service = descriptor.getServiceName();
        String method = descriptor.getBareMethodName();
        return new MethodInfo(
                service == null ? "" : service,
                method == null ? descriptor.getFullMethodName() : method,
                descriptor.getFullMethodName(),
                descriptor.getType().name());
    }

    /**
     * @return whether {@code code} is a failure of the server rather than of the caller (the
     *     OpenTelemetry rule for gRPC server spans)
     */
    static boolean serverError(Status.Code code) {
        return switch (code) {
            case UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS -> true;
            default -> false;
        };
    }
}
