package io.chassis.core.spi;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Intercepts the calls of the Chassis HTTP client ({@link io.chassis.core.client.ChassisHttpClient},
 * on {@code java.net.http}), in the style of OkHttp interceptors: add headers (tracing), time
 * calls, retry.
 *
 * <p>The chain of one call runs, outermost first:
 *
 * <ol>
 *   <li>core's request-id propagation ({@code X-Request-Id} of the request being served);
 *   <li>per-client interceptors from {@link ClientExtension}s (e.g. chassis-resilience), in module
 *       order;
 *   <li>interceptors added with {@link ModuleContext#addClientInterceptor}, in order (e.g. tracing);
 *   <li>core's {@code http.client.requests} timer;
 *   <li>the network exchange.
 * </ol>
 *
 * <p>An interceptor may call {@link Chain#proceed} more than once (a retry); everything inside it
 * then runs again, so the innermost interceptors see every attempt. Non-2xx answers are ordinary
 * responses inside the chain; the client turns them into exceptions after the chain returns.
 */
@FunctionalInterface
public interface ClientInterceptor {

    /**
     * Intercepts one call (or one attempt of it).
     *
     * @param chain the request and the rest of the chain
     * @return the response, usually {@code chain.proceed(chain.request())}
     * @throws IOException on I/O failure (connection refused, timeout, ...)
     * @throws InterruptedException if interrupted while waiting
     */
    HttpResponse<byte[]> intercept(Chain chain) throws IOException, InterruptedException;

    /** The request being sent, what it is, and the rest of the chain. */
    interface Chain {

        /** @return the request as built so far */
        HttpRequest request();

        /** @return the client's name, e.g. {@code payments} for {@code chassis.clients.payments} */
        String client();

        /**
         * @return the URI template the caller used, e.g. {@code /orders/{id}}: name spans and tag
         *     meters with it, never with the expanded path, so their number stays bounded
         */
        String uriTemplate();

        /**
         * Sends the request through the remaining interceptors and the network.
         *
         * @param request the request to send, e.g. a copy of {@link #request()} with extra headers
         * @return the response, whatever its status
         * @throws IOException on I/O failure
         * @throws InterruptedException if interrupted while waiting
         */
        HttpResponse<byte[]> proceed(HttpRequest request) throws IOException, InterruptedException;
    }
}
