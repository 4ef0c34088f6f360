package io.chassis.grpc.internal;

import io.chassis.core.client.ClientConnectionException;
import io.chassis.core.client.ClientException;
import io.chassis.core.client.ClientRejectedException;
import io.chassis.core.client.ClientResponseException;
import io.chassis.core.client.ClientTimeoutException;
import io.chassis.core.http.HttpProblem;
import io.chassis.grpc.GrpcErrors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.time.Duration;

/**
 * What an exception of a service method means to the caller, so that the same failure gives the
 * gRPC status equivalent to the HTTP problem chassis-core answers for it (docs/grpc.md has the table).
 * Expected failures are answers (not logged as bugs); anything else is INTERNAL with a generic message.
 */
final class Failures {

    /**
     * @param status the status to close the call with
     * @param trailers its trailers (rich details, if any)
     * @param bug whether it is a failure of this service: logged at ERROR with the stack trace
     * @param dependency whether a dependency failed: logged at WARN in one line
     */
    record Answer(Status status, Metadata trailers, boolean bug, boolean dependency) {}

    private final Duration retryAfter;

    /** @param retryAfter the retry delay of rejected client calls ({@code chassis.http.retry-after}) */
    Failures(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /** @return the retry delay of rejected calls */
    Duration retryAfter() {
        return retryAfter;
    }

    Answer answer(Throwable t, String requestId) {
        if (t instanceof StatusRuntimeException e) {
            return pass(e.getStatus(), e.getTrailers());
        }
        if (t instanceof StatusException e) {
            return pass(e.getStatus(), e.getTrailers());
        }
        if (t instanceof HttpProblem problem) {
            return problem(problem);
        }
        if (t instanceof ClientException client) {
            Answer answer = client(client);
            if (answer != null) {
                return answer;
            }
        }
        return new Answer(
                Status.INTERNAL
                        .withDescription("The server failed to handle the call. Quote request id " + requestId
                                + " when reporting it.")
                        .withCause(t),
                new Metadata(),
                true,
                false);
    }

    private static Answer pass(Status status, Metadata trailers) {
        return new Answer(status, trailers == null ? new Metadata() : trailers, false, false);
    }

    private static Answer exception(StatusRuntimeException e, boolean dependency, Throwable cause) {
        return new Answer(e.getStatus().withCause(cause), e.getTrailers(), false, dependency);
    }

    /** A problem a handler threw on purpose: the same status class, the detail as the message. */
    private static Answer problem(HttpProblem p) {
        String detail = p.detail() == null ? p.title() : p.detail();
        Duration retry = retryAfter(p);
        Status.Code code =
                switch (p.status()) {
                    case 400, 422 -> Status.Code.INVALID_ARGUMENT;
                    case 401 -> Status.Code.UNAUTHENTICATED;
                    case 403 -> Status.Code.PERMISSION_DENIED;
                    case 404 -> Status.Code.NOT_FOUND;
                    case 409 -> Status.Code.ABORTED;
                    case 412 -> Status.Code.FAILED_PRECONDITION;
                    case 429 -> Status.Code.RESOURCE_EXHAUSTED;
                    case 499 -> Status.Code.CANCELLED;
                    case 501 -> Status.Code.UNIMPLEMENTED;
                    case 502, 503 -> Status.Code.UNAVAILABLE;
                    case 504 -> Status.Code.DEADLINE_EXCEEDED;
                    default -> p.status() < 500 ? Status.Code.FAILED_PRECONDITION : Status.Code.INTERNAL;
                };
        if (code == Status.Code.RESOURCE_EXHAUSTED && retry != null) {
            return exception(GrpcErrors.resourceExhausted(detail, retry), false, null);
        }
        if (code == Status.Code.UNAVAILABLE && retry != null) {
            return exception(GrpcErrors.unavailable(detail, retry), false, null);
        }
        return pass(code.toStatus().withDescription(detail), new Metadata());
    }

    private static Duration retryAfter(HttpProblem p) {
        String value = p.headers().get("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A named HTTP client's failure the method let escape; null when it is a bug of this service. */
    private Answer client(ClientException e) {
        if (e instanceof ClientTimeoutException) {
            return dependency(Status.DEADLINE_EXCEEDED, "A service this one depends on did not answer in time.", e);
        }
        if (e instanceof ClientRejectedException) {
            return exception(
                    GrpcErrors.unavailable(
                            "A service this one depends on is unavailable right now. Retry later.", retryAfter),
                    true,
                    e);
        }
        if (e instanceof ClientResponseException response && response.status() < 500) {
            return null; // an unhandled downstream 4xx: a bug here, not there
        }
        if (e instanceof ClientConnectionException || e instanceof ClientResponseException) {
            return dependency(Status.UNAVAILABLE, "A service this one depends on failed.", e);
        }
        return e.getCause() instanceof InterruptedException
                ? null
                : dependency(
                        Status.UNAVAILABLE, "A service this one depends on answered with an unreadable response.", e);
    }

    private static Answer dependency(Status status, String message, Throwable cause) {
        return new Answer(status.withDescription(message).withCause(cause), new Metadata(), false, true);
    }
}
