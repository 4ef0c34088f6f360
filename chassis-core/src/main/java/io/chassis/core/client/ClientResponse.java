package io.chassis.core.client;

import java.net.http.HttpHeaders;

/** An answer of a {@link ChassisHttpClient}, body fully read. */
public interface ClientResponse {

    /** @return the HTTP status */
    int status();

    /** @return the response headers */
    HttpHeaders headers();

    /** @return the raw body, empty when there is none */
    byte[] body();

    /** @return the body as UTF-8 text */
    String bodyAsString();

    /**
     * Reads the body as JSON.
     *
     * @param type the type
     * @param <T> the type
     * @return the value, or null when the body is empty
     * @throws ClientException when the body is not JSON of that type
     */
    <T> T json(Class<T> type);

    /** @return true for a 2xx status */
    default boolean isSuccess() {
        return status() >= 200 && status() < 300;
    }
}
