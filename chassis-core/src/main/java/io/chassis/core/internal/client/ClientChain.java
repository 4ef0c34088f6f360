package io.chassis.core.internal.client;

import io.chassis.core.spi.ClientInterceptor;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One position in a client's interceptor chain. Immutable: proceeding creates the next position, so
 * an interceptor may proceed several times (retries) and each attempt runs the rest of the chain.
 */
final class ClientChain implements ClientInterceptor.Chain {

    private final ClientInterceptor[] interceptors;
    private final int index;
    private final HttpRequest request;
    private final String client;
    private final String uriTemplate;

    /**
     * @param interceptors the chain; the last one is the network exchange and never proceeds
     */
    ClientChain(ClientInterceptor[] interceptors, int index, HttpRequest request, String client, String uriTemplate) {
        this.interceptors = interceptors;
        this.index = index;
        this.request = request;
        this.client = client;
        this.uriTemplate = uriTemplate;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public String client() {
        return client;
    }

    @Override
    public String uriTemplate() {
        return uriTemplate;
    }

    @Override
    public HttpResponse<byte[]> proceed(HttpRequest next) throws IOException, InterruptedException {
        if (index >= interceptors.length) {
            throw new IllegalStateException("the network exchange is the end of the chain; it does not proceed");
        }
        return interceptors[index].intercept(new ClientChain(interceptors, index + 1, next, client, uriTemplate));
    }
}
