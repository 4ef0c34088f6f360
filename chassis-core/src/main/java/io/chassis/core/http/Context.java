package io.chassis.core.http;

import io.chassis.core.security.Principal;
import io.undertow.server.HttpServerExchange;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP exchange as a handler sees it: the request, and the parts of the response a handler
 * usually sets (status and headers; the body is the handler's return value).
 *
 * <p>Methods that read the request throw {@link HttpProblem} (a 4xx answer) when the request is
 * unusable, so handlers can stay free of validation boilerplate.
 */
public interface Context {

    /** @return the request method, upper case, e.g. {@code GET} */
    String method();

    /** @return the request path, without the query string, e.g. {@code /orders/42} */
    String path();

    /** @return the matched route template, e.g. {@code /orders/{id}}, or null when none matched */
    String route();

    /** @return the request id: the validated {@code X-Request-Id} header or a generated one */
    String requestId();

    /**
     * Returns a path parameter of the matched route template.
     *
     * @param name the name in braces in the template, e.g. {@code id} for {@code /orders/{id}}
     * @return the value
     * @throws IllegalArgumentException if the route template has no such parameter (a coding error)
     */
    String pathParam(String name);

    /**
     * Returns the first value of a query parameter.
     *
     * @param name the parameter name
     * @return the value, or empty when absent
     */
    Optional<String> queryParam(String name);

    /**
     * Returns the first value of a query parameter that the request must carry.
     *
     * @param name the parameter name
     * @return the value
     * @throws HttpProblem 400 when the parameter is absent or blank
     */
    String requiredQueryParam(String name);

    /**
     * Returns all values of a query parameter.
     *
     * @param name the parameter name
     * @return the values, empty when absent
     */
    List<String> queryParams(String name);

    /**
     * Returns the first value of a request header.
     *
     * @param name the header name, case-insensitive
     * @return the value, or empty when absent
     */
    Optional<String> header(String name);

    /**
     * Returns who made the request, as the access rules ({@code chassis.access}) established it.
     *
     * @return the principal; empty on a public route, where no credentials are checked
     */
    Optional<Principal> principal();

    /**
     * Reads the request body as JSON.
     *
     * @param type the type to bind to (records work)
     * @param <T> the type
     * @return the bound body, never null
     * @throws HttpProblem 415 when the content type is not JSON; 400 when the body is missing (empty,
     *     only whitespace, or the JSON literal {@code null}), is not well-formed JSON, or does not fit
     *     the type. For a body of the wrong shape the problem's {@code detail} names the field by JSON
     *     pointer and the JSON type expected there, e.g. {@code Invalid JSON body: field /name must be
     *     a string, but was an object.}; it never names a Java class.
     */
    <T> T body(Class<T> type);

    /** @return the raw request body, empty when there is none */
    byte[] bodyBytes();

    /**
     * Sets the response status used for the returned body.
     *
     * @param status the HTTP status
     * @return this context
     */
    Context status(int status);

    /**
     * Sets a response header.
     *
     * @param name the header name
     * @param value the value
     * @return this context
     */
    Context responseHeader(String name, String value);

    /**
     * Sends {@code body} as the response, with the status set so far, instead of a JSON rendering of
     * the handler's return value (which is then ignored). For text formats such as Prometheus' or CSV.
     *
     * @param contentType the {@code Content-Type} header, e.g. {@code text/plain; charset=utf-8}
     * @param body the body, sent as UTF-8
     * @return this context
     */
    Context result(String contentType, String body);

    /**
     * Runs an action once the response has been fully sent (or the exchange was abandoned).
     *
     * @param action runs on an IO thread; must not block
     * @return this context
     */
    Context onComplete(Runnable action);

    /**
     * Attaches an MDC entry to this exchange: Chassis sets it on the lines it logs for the exchange
     * outside filter and handler code (an unhandled exception, the access line, the completion of
     * a {@code CompletionStage}). The MDC of the calling thread is not touched; code that sets this
     * also manages its own thread's MDC. Tracing uses it for {@code trace_id} and {@code span_id}.
     *
     * @param key the MDC key
     * @param value the value
     * @return this context
     */
    Context mdc(String key, String value);

    /**
     * The client's certificate chain on an mTLS connection ({@code chassis.http.tls.client-auth} optional
     * or required), checked against the trust bundle during the handshake. Its leaf's subject is also
     * the access log's {@code tls_peer} field.
     *
     * @return the chain, leaf first; empty on a plaintext connection or when the client sent none
     */
    default List<X509Certificate> peerCertificates() {
        return List.of();
    }

    /**
     * Escape hatch: the underlying Undertow exchange. Chassis never requires it; code that uses it
     * ties itself to Undertow.
     *
     * @return the raw exchange
     */
    HttpServerExchange unsafeExchange();
}
