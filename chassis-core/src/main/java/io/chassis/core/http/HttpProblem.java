package io.chassis.core.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by a handler to answer with an RFC 9457 problem response.
 *
 * <p>The response is {@code application/problem+json} with {@code status}, {@code title}, {@code
 * detail} and the request id. The exception carries no stack trace: it is an answer, not a bug.
 */
public class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final java.util.Set<String> STANDARD_MEMBERS =
            java.util.Set.of("type", "title", "status", "detail", "instance", "requestId");

    private final int status;
    private final String title;
    private Map<String, String> headers = Map.of();
    private Map<String, Object> members = Map.of();

    /**
     * Creates a problem.
     *
     * @param status the HTTP status, 400 to 599
     * @param title a short, human-readable summary that does not change between occurrences
     * @param detail an explanation specific to this occurrence, safe to show to the client
     * @throws IllegalArgumentException if the status is not a client or server error
     */
    public HttpProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be between 400 and 599, but was '" + status + "'");
        }
        this.status = status;
        this.title = title;
    }

    /**
     * A {@code 400 Bad Request} problem.
     *
     * @param detail what is wrong with the request
     * @return the problem, to throw
     */
    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "Bad Request", detail);
    }

    /**
     * A {@code 404 Not Found} problem.
     *
     * @param detail what was not found
     * @return the problem, to throw
     */
    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, "Not Found", detail);
    }

    /**
     * A {@code 409 Conflict} problem.
     *
     * @param detail what conflicts
     * @return the problem, to throw
     */
    public static HttpProblem conflict(String detail) {
        return new HttpProblem(409, "Conflict", detail);
    }

    /**
     * A {@code 401 Unauthorized} problem: the request lacks valid credentials.
     *
     * @param detail what is missing or wrong, without echoing the credentials
     * @return the problem, to throw
     */
    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, "Unauthorized", detail);
    }

    /**
     * A {@code 403 Forbidden} problem: the caller is known but may not do this.
     *
     * @param detail what is not allowed
     * @return the problem, to throw
     */
    public static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "Forbidden", detail);
    }

    /**
     * A {@code 429 Too Many Requests} problem with a {@code Retry-After} header.
     *
     * @param detail which limit was reached
     * @param retryAfter when to try again; rounded up to whole seconds
     * @return the problem, to throw
     */
    public static HttpProblem tooManyRequests(String detail, Duration retryAfter) {
        return new HttpProblem(429, "Too Many Requests", detail).retryAfter(retryAfter);
    }

    /**
     * A {@code 502 Bad Gateway} problem: a service this one depends on failed.
     *
     * @param detail what failed, without internal addresses
     * @return the problem, to throw
     */
    public static HttpProblem badGateway(String detail) {
        return new HttpProblem(502, "Bad Gateway", detail);
    }

    /**
     * A {@code 503 Service Unavailable} problem with a {@code Retry-After} header.
     *
     * @param detail why the service cannot answer now
     * @param retryAfter when to try again; rounded up to whole seconds
     * @return the problem, to throw
     */
    public static HttpProblem serviceUnavailable(String detail, Duration retryAfter) {
        return new HttpProblem(503, "Service Unavailable", detail).retryAfter(retryAfter);
    }

    /**
     * A {@code 504 Gateway Timeout} problem: a service this one depends on did not answer in time.
     *
     * @param detail which call timed out, without internal addresses
     * @return the problem, to throw
     */
    public static HttpProblem gatewayTimeout(String detail) {
        return new HttpProblem(504, "Gateway Timeout", detail);
    }

    /**
     * Adds a response header to the problem response, e.g. {@code WWW-Authenticate}.
     *
     * @param name the header name
     * @param value its value
     * @return this problem
     * @throws NullPointerException when name or value is null
     */
    public HttpProblem header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        headers = Map.copyOf(copy);
        return this;
    }

    /**
     * Sets {@code Retry-After}.
     *
     * @param after when to try again; rounded up to whole seconds, at least 1
     * @return this problem
     */
    public HttpProblem retryAfter(Duration after) {
        long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
        return header("Retry-After", Long.toString(seconds));
    }

    /**
     * Adds an extension member to the problem document (RFC 9457, section 3.2), e.g. {@code
     * grpcStatus} or an {@code errors} array. It is rendered as JSON next to the standard members.
     *
     * @param name the member name; not one of {@code type}, {@code title}, {@code status}, {@code
     *     detail}, {@code instance}, {@code requestId}
     * @param value a value Jackson can render (strings, numbers, lists, maps, records)
     * @return this problem
     * @throws NullPointerException when name or value is null
     * @throws IllegalArgumentException when name is a standard member
     */
    public HttpProblem member(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (STANDARD_MEMBERS.contains(name)) {
            throw new IllegalArgumentException("member must not be a standard one (" + STANDARD_MEMBERS + "), but was '"
                    + name + "'. Choose another name.");
        }
        Map<String, Object> copy = new LinkedHashMap<>(members);
        copy.put(name, value);
        members = java.util.Collections.unmodifiableMap(copy);
        return this;
    }

    /** @return the extension members, in the order they were added */
    public Map<String, Object> members() {
        return members;
    }

    /** @return the extra response headers, e.g. {@code Retry-After} */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the short summary */
    public String title() {
        return title;
    }

    /** @return the occurrence-specific explanation */
    public String detail() {
        return getMessage();
    }
}
