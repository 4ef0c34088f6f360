package io.chassis.core.client;

import java.net.URI;

/**
 * A named HTTP client configured under {@code chassis.clients.<name>}: base URL, timeouts and
 * default headers from configuration; JSON in and out through the service's Jackson mapper; the
 * current request's {@code X-Request-Id}, {@code http.client.requests} metrics and whatever modules
 * add (resilience, tracing) on every call.
 *
 * <pre>{@code
 * ChassisHttpClient payments = app.clients().http("payments");
 * Payment p = payments.get("/payments/{id}", id).send(Payment.class);
 * Payment created = payments.post("/payments").header("Idempotency-Key", key).body(request).send(Payment.class);
 * }</pre>
 *
 * <p>Paths are URI <em>templates</em>: {@code {name}} placeholders are filled, in order, with the
 * percent-encoded values given. The template, never the expanded path, tags metrics and names
 * spans. Calls block the calling thread (handlers run off the IO thread, so that is fine).
 */
public interface ChassisHttpClient {

    /** @return the client's name, e.g. {@code payments} */
    String name();

    /**
     * @return the configured {@code base-url}
     * @throws IllegalStateException before configuration is complete
     */
    URI baseUrl();

    /**
     * Starts a request.
     *
     * @param method the HTTP method, e.g. {@code GET}
     * @param uriTemplate a path relative to the base URL, e.g. {@code /orders/{id}}
     * @param variables values for the template's placeholders, in order
     * @return the request, to finish and send
     * @throws IllegalArgumentException when the number of variables does not match the template
     */
    ClientRequest request(String method, String uriTemplate, Object... variables);

    /**
     * Starts a {@code GET} request.
     *
     * @see #request(String, String, Object...)
     */
    default ClientRequest get(String uriTemplate, Object... variables) {
        return request("GET", uriTemplate, variables);
    }

    /**
     * Starts a {@code POST} request (not retried unless it carries an {@code Idempotency-Key}).
     *
     * @see #request(String, String, Object...)
     */
    default ClientRequest post(String uriTemplate, Object... variables) {
        return request("POST", uriTemplate, variables);
    }

    /**
     * Starts a {@code PUT} request.
     *
     * @see #request(String, String, Object...)
     */
    default ClientRequest put(String uriTemplate, Object... variables) {
        return request("PUT", uriTemplate, variables);
    }

    /**
     * Starts a {@code PATCH} request.
     *
     * @see #request(String, String, Object...)
     */
    default ClientRequest patch(String uriTemplate, Object... variables) {
        return request("PATCH", uriTemplate, variables);
    }

    /**
     * Starts a {@code DELETE} request.
     *
     * @see #request(String, String, Object...)
     */
    default ClientRequest delete(String uriTemplate, Object... variables) {
        return request("DELETE", uriTemplate, variables);
    }
}
