package io.chassis.grpc.internal.gateway;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import io.chassis.core.http.HttpProblem;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gRPC status as an HTTP problem, by grpc-gateway's table (NOT_FOUND 404, INVALID_ARGUMENT 400,
 * UNAVAILABLE 503, ...): {@code grpcStatus} carries the code name, {@code detail} the status
 * message, {@code errors} the {@code google.rpc.BadRequest} field violations, and a {@code
 * google.rpc.RetryInfo} becomes {@code Retry-After}, and the access rules' {@code www-authenticate}
 * trailer the {@code WWW-Authenticate} header of a 401 or 403.
 */
final class StatusProblems {

    private record Http(int status, String title) {}

    private static final Map<Status.Code, Http> TABLE = new EnumMap<>(Status.Code.class);

    static {
        TABLE.put(Status.Code.CANCELLED, new Http(499, "Client Closed Request"));
        TABLE.put(Status.Code.UNKNOWN, new Http(500, "Internal Server Error"));
        TABLE.put(Status.Code.INVALID_ARGUMENT, new Http(400, "Bad Request"));
        TABLE.put(Status.Code.DEADLINE_EXCEEDED, new Http(504, "Gateway Timeout"));
        TABLE.put(Status.Code.NOT_FOUND, new Http(404, "Not Found"));
        TABLE.put(Status.Code.ALREADY_EXISTS, new Http(409, "Conflict"));
        TABLE.put(Status.Code.PERMISSION_DENIED, new Http(403, "Forbidden"));
        TABLE.put(Status.Code.RESOURCE_EXHAUSTED, new Http(429, "Too Many Requests"));
        TABLE.put(Status.Code.FAILED_PRECONDITION, new Http(400, "Bad Request"));
        TABLE.put(Status.Code.ABORTED, new Http(409, "Conflict"));
        TABLE.put(Status.Code.OUT_OF_RANGE, new Http(400, "Bad Request"));
        TABLE.put(Status.Code.UNIMPLEMENTED, new Http(501, "Not Implemented"));
        TABLE.put(Status.Code.INTERNAL, new Http(500, "Internal Server Error"));
        TABLE.put(Status.Code.UNAVAILABLE, new Http(503, "Service Unavailable"));
        TABLE.put(Status.Code.DATA_LOSS, new Http(500, "Internal Server Error"));
        TABLE.put(Status.Code.UNAUTHENTICATED, new Http(401, "Unauthorized"));
    }

    private static final Metadata.Key<String> CHALLENGE =
            Metadata.Key.of("www-authenticate", Metadata.ASCII_STRING_MARSHALLER);

    private StatusProblems() {}

    /** grpc-java's own wording for a deadline the gateway's channel enforced: timings, not for clients. */
    private static boolean ownDeadline(Status status) {
        String d = status.getDescription().toLowerCase(java.util.Locale.ROOT);
        return status.getCode() == Status.Code.DEADLINE_EXCEEDED
                && (d.startsWith("clientcall started after") || d.contains("deadline exceeded after"));
    }

    /** @return the HTTP status for a gRPC code (OK is 200) */
    static int httpStatus(Status.Code code) {
        Http http = TABLE.get(code);
        return http == null ? 200 : http.status();
    }

    /**
     * @param status the call's status, not OK
     * @param trailers its trailers, or null
     * @return the problem to answer with
     */
    static HttpProblem of(Status status, Metadata trailers) {
        Http http = TABLE.getOrDefault(status.getCode(), new Http(500, "Internal Server Error"));
        String description = status.getDescription();
        String detail = description == null || description.isBlank()
                ? "The call ended with " + status.getCode().name() + "."
                : ownDeadline(status) ? "The call did not finish within its deadline (grpc-timeout)." : description;
        HttpProblem problem = new HttpProblem(http.status(), http.title(), detail)
                .member("grpcStatus", status.getCode().name());
        String challenge = trailers == null ? null : trailers.get(CHALLENGE);
        if (challenge != null && (http.status() == 401 || http.status() == 403)) {
            problem.header("WWW-Authenticate", challenge); // the access rules' answer, as an HTTP route's
        }
        com.google.rpc.Status rich = trailers == null ? null : StatusProto.fromStatusAndTrailers(status, trailers);
        if (rich == null) {
            return problem;
        }
        List<Map<String, String>> errors = new ArrayList<>();
        for (Any any : rich.getDetailsList()) {
            try {
                if (any.is(BadRequest.class)) {
                    for (BadRequest.FieldViolation v :
                            any.unpack(BadRequest.class).getFieldViolationsList()) {
                        Map<String, String> error = new LinkedHashMap<>();
                        error.put("field", v.getField());
                        error.put("description", v.getDescription());
                        errors.add(error);
                    }
                } else if (any.is(RetryInfo.class)) {
                    com.google.protobuf.Duration delay =
                            any.unpack(RetryInfo.class).getRetryDelay();
                    problem.retryAfter(Duration.ofSeconds(delay.getSeconds(), delay.getNanos()));
                }
            } catch (InvalidProtocolBufferException e) {
                // a detail that does not parse is left out; the status itself is still answered
            }
        }
        if (!errors.isEmpty()) {
            problem.member("errors", errors);
        }
        return problem;
    }
}
