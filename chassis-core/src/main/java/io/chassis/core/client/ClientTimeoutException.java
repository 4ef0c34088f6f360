package io.chassis.core.client;

/**
 * The answer did not come in time: the client's {@code request-timeout}, or a time limiter of
 * chassis-resilience. The downstream may still have processed the request.
 */
public class ClientTimeoutException extends ClientException {

    private static final long serialVersionUID = 1L;

    /**
     * @param client the client's name
     * @param method the request method
     * @param uriTemplate the URI template
     * @param message what timed out
     * @param cause the underlying failure
     */
    public ClientTimeoutException(String client, String method, String uriTemplate, String message, Throwable cause) {
        super(client, method, uriTemplate, message, cause);
    }
}
