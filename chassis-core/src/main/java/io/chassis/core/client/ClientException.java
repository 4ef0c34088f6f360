package io.chassis.core.client;

/**
 * A call of a {@link ChassisHttpClient} failed. Subclasses say how: {@link ClientResponseException}
 * (a non-2xx answer), {@link ClientTimeoutException}, {@link ClientConnectionException}, {@link
 * ClientRejectedException}. This class itself is used for the rest (unreadable body, interrupt).
 */
public class ClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String client;
    private final String method;
    private final String uriTemplate;

    /**
     * @param client the client's name
     * @param method the request method
     * @param uriTemplate the URI template of the call
     * @param message what happened
     * @param cause the underlying failure, or null
     */
    public ClientException(String client, String method, String uriTemplate, String message, Throwable cause) {
        super(client + ": " + method + " " + uriTemplate + " " + message, cause);
        this.client = client;
        this.method = method;
        this.uriTemplate = uriTemplate;
    }

    /** @return the client's name */
    public String client() {
        return client;
    }

    /** @return the request method */
    public String method() {
        return method;
    }

    /** @return the URI template of the call, e.g. {@code /orders/{id}} */
    public String uriTemplate() {
        return uriTemplate;
    }
}
