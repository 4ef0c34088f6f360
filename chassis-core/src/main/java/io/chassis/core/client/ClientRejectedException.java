package io.chassis.core.client;

/**
 * A protection refused the call before anything was sent: an open circuit breaker, an exhausted
 * rate limit or a full bulkhead. Failing fast is the point; do not retry at once.
 */
public class ClientRejectedException extends ClientException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param client the client's name
     * @param method the request method
     * @param uriTemplate the URI template
     * @param reason a short, stable reason, e.g. {@code circuit-open}, {@code rate-limited}, {@code
     *     bulkhead-full}
     * @param cause the protection's own exception
     */
    public ClientRejectedException(String client, String method, String uriTemplate, String reason, Throwable cause) {
        super(client, method, uriTemplate, "was rejected (" + reason + "): " + cause.getMessage(), cause);
        this.reason = reason;
    }

    /** @return e.g. {@code circuit-open}, {@code rate-limited}, {@code bulkhead-full} */
    public String reason() {
        return reason;
    }
}
