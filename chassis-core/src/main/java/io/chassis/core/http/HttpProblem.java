package io.chassis.core.http;

/**
 * Thrown by a handler to answer with an RFC 9457 problem response.
 *
 * <p>The response is {@code application/problem+json} with {@code status}, {@code title}, {@code
 * detail} and the request id. The exception carries no stack trace: it is an answer, not a bug.
 */
public class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;

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
