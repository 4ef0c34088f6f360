package io.chassis.core.client;

/**
 * No connection could be made (refused, unknown host, {@code connect-timeout} passed), or it broke
 * before the answer was read.
 */
public class ClientConnectionException extends ClientException {

    private static final long serialVersionUID = 1L;

    /**
     * @param client the client's name
     * @param method the request method
     * @param uriTemplate the URI template
     * @param message what failed
     * @param cause the underlying I/O failure
     */
    public ClientConnectionException(
            String client, String method, String uriTemplate, String message, Throwable cause) {
        super(client, method, uriTemplate, message, cause);
    }
}
