package io.chassis.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Objects;

/**
 * Rich gRPC errors, the gRPC counterpart of {@code HttpProblem}: throw one from a service method (or
 * pass it to {@code responseObserver.onError}). The status goes to the client as is, with the
 * details in {@code grpc-status-details-bin} (read them with {@code
 * StatusProto.fromThrowable(e).getDetailsList()}); it is an answer, not a bug, so it is not logged.
 *
 * <pre>{@code
 * if (request.getBase().isEmpty()) {
 *     throw GrpcErrors.invalidArgument("The request is invalid.",
 *             GrpcErrors.violation("base", "must be an ISO 4217 code, e.g. EUR"));
 * }
 * }</pre>
 *
 * <p>Messages are sent to the client: say what is wrong, without internal addresses or secrets.
 */
public final class GrpcErrors {

    private GrpcErrors() {}

    /**
     * @param field the request field, as a path ({@code items[2].sku})
     * @param description what is wrong with it
     * @return one violation for {@link #invalidArgument}
     */
    public static BadRequest.FieldViolation violation(String field, String description) {
        return BadRequest.FieldViolation.newBuilder()
                .setField(Objects.requireNonNull(field, "field"))
                .setDescription(Objects.requireNonNull(description, "description"))
                .build();
    }

    /**
     * INVALID_ARGUMENT (HTTP 400) with a {@code google.rpc.BadRequest} listing the invalid fields.
     *
     * @param message what is wrong with the request
     * @param violations the invalid fields; none for a request that is wrong as a whole
     * @return the exception to throw
     */
    public static StatusRuntimeException invalidArgument(String message, BadRequest.FieldViolation... violations) {
        BadRequest.Builder details = BadRequest.newBuilder();
        for (BadRequest.FieldViolation violation : violations) {
            details.addFieldViolations(Objects.requireNonNull(violation, "violation"));
        }
        return build(Code.INVALID_ARGUMENT, message, violations.length == 0 ? null : details.build());
    }

    /**
     * NOT_FOUND (HTTP 404).
     *
     * @param message what was not found
     * @return the exception to throw
     */
    public static StatusRuntimeException notFound(String message) {
        return build(Code.NOT_FOUND, message, null);
    }

    /**
     * FAILED_PRECONDITION (the system is not in the state the call needs) with a {@code
     * google.rpc.ErrorInfo} naming the reason machine-readably.
     *
     * @param message what is not as required
     * @param info reason, domain and metadata, e.g. {@code ErrorInfo.newBuilder().setReason("ACCOUNT_CLOSED")}
     * @return the exception to throw
     */
    public static StatusRuntimeException failedPrecondition(String message, ErrorInfo info) {
        return build(Code.FAILED_PRECONDITION, message, Objects.requireNonNull(info, "info"));
    }

    /**
     * UNAVAILABLE (HTTP 503) with a {@code google.rpc.RetryInfo}: the service cannot answer now.
     *
     * @param message why
     * @param retryAfter when to try again, zero or positive
     * @return the exception to throw
     */
    public static StatusRuntimeException unavailable(String message, Duration retryAfter) {
        return build(Code.UNAVAILABLE, message, retryInfo(retryAfter));
    }

    /**
     * RESOURCE_EXHAUSTED (HTTP 429) with a {@code google.rpc.RetryInfo}: a limit was reached.
     *
     * @param message which limit
     * @param retryAfter when to try again, zero or positive
     * @return the exception to throw
     */
    public static StatusRuntimeException resourceExhausted(String message, Duration retryAfter) {
        return build(Code.RESOURCE_EXHAUSTED, message, retryInfo(retryAfter));
    }

    private static RetryInfo retryInfo(Duration retryAfter) {
        if (Objects.requireNonNull(retryAfter, "retryAfter").isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, but was " + retryAfter);
        }
        return RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(retryAfter.getSeconds())
                        .setNanos(retryAfter.getNano()))
                .build();
    }

    private static StatusRuntimeException build(Code code, String message, Message detail) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(Objects.requireNonNull(message, "message"));
        if (detail != null) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
