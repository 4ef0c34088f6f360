package io.chassis.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;

/**
 * One request of a {@link ChassisHttpClient}, being built. Not thread-safe; send it once.
 *
 * <p>Every sending method throws, unchecked: {@link ClientResponseException} for a non-2xx answer
 * (except {@link #exchange()}), {@link ClientTimeoutException} when the answer took too long,
 * {@link ClientConnectionException} when no connection could be made or it broke, {@link
 * ClientRejectedException} when a protection (open circuit, rate limit, bulkhead) refused the call
 * before it was sent, and {@link ClientException} for anything else (unreadable body, interrupt).
 */
public interface ClientRequest {

    /**
     * Adds a header, after the client's configured headers.
     *
     * @param name the name
     * @param value the value
     * @return this request
     */
    ClientRequest header(String name, String value);

    /**
     * Adds a query parameter; the value is percent-encoded.
     *
     * @param name the name
     * @param value the value, turned into a string
     * @return this request
     */
    ClientRequest query(String name, Object value);

    /**
     * Sets a JSON body ({@code Content-Type: application/json}), written with the service's mapper;
     * a {@code String} or {@code byte[]} is taken to be JSON already and sent as is.
     *
     * @param body the value to write
     * @return this request
     */
    ClientRequest body(Object body);

    /**
     * Overrides the client's {@code request-timeout} for this request.
     *
     * @param timeout how long to wait for the response
     * @return this request
     */
    ClientRequest timeout(Duration timeout);

    /**
     * Sends the request and reads a 2xx answer's JSON body.
     *
     * @param type the body's type; {@code String} and {@code byte[]} give the raw body
     * @param <T> the type
     * @return the body, or null when the answer has none (e.g. 204)
     */
    <T> T send(Class<T> type);

    /**
     * Sends the request and reads a 2xx answer's JSON body as a generic type.
     *
     * @param type e.g. {@code new TypeReference<List<Order>>() {}}
     * @param <T> the type
     * @return the body, or null when the answer has none
     */
    <T> T send(TypeReference<T> type);

    /** Sends the request and ignores a 2xx answer's body. */
    void send();

    /**
     * Sends the request and returns the answer whatever its status; never throws {@link
     * ClientResponseException}.
     *
     * @return the response
     */
    ClientResponse exchange();
}
