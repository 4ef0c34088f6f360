package io.chassis.core.spi;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Intercepts outgoing calls of the Chassis HTTP client (built on {@code java.net.http}), in the
 * style of OkHttp interceptors: add headers (tracing, request ids), time calls, retry.
 *
 * <p>Only the contract exists for now; the HTTP client module that runs the chain comes later.
 */
@FunctionalInterface
public interface ClientInterceptor {

    /**
     * Intercepts one call.
     *
     * @param chain the request and the rest of the chain
     * @return the response, usually {@code chain.proceed(request)}
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted while waiting
     */
    HttpResponse<?> intercept(Chain chain) throws IOException, InterruptedException;

    /** The request being sent and the rest of the chain. */
    interface Chain {

        /** @return the request as built so far */
        HttpRequest request();

        /**
         * Sends the request through the remaining interceptors and the client.
         *
         * @param request the request to send, e.g. a copy of {@link #request()} with extra headers
         * @return the response
         * @throws IOException on I/O failure
         * @throws InterruptedException if interrupted while waiting
         */
        HttpResponse<?> proceed(HttpRequest request) throws IOException, InterruptedException;
    }
}
