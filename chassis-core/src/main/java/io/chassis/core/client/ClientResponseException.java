package io.chassis.core.client;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The downstream answered with a status outside 2xx. Carries the status, the raw body, and the
 * RFC 9457 problem document when the answer was {@code application/problem+json}.
 */
public class ClientResponseException extends ClientException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final byte[] body;
    private final transient ProblemDetail problem;

    /**
     * @param client the client's name
     * @param method the request method
     * @param uriTemplate the URI template
     * @param status the HTTP status
     * @param body the raw body
     * @param problem the parsed problem document, or null
     */
    public ClientResponseException(
            String client, String method, String uriTemplate, int status, byte[] body, ProblemDetail problem) {
        super(client, method, uriTemplate, describe(status, problem), null);
        this.status = status;
        this.body = body.clone();
        this.problem = problem;
    }

    private static String describe(int status, ProblemDetail problem) {
        String text = "answered " + status;
        if (problem != null && problem.title() != null) {
            text += " " + problem.title();
        }
        if (problem != null && problem.detail() != null) {
            text += ": " + problem.detail();
        }
        return text;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the raw body */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the problem document, when the answer was {@code application/problem+json} */
    public Optional<ProblemDetail> problem() {
        return Optional.ofNullable(problem);
    }
}
