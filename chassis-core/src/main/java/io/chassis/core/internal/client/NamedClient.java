package io.chassis.core.internal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.client.ClientRequest;
import io.chassis.core.spi.ClientInterceptor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/**
 * A {@link ChassisHttpClient} handed out during configuration; settings and chain are installed once
 * every module has been configured. The JDK client (and its selector thread) is created on first use.
 */
final class NamedClient implements ChassisHttpClient {

    private final String name;
    private final ObjectMapper mapper;
    private volatile ClientSettings settings;
    private volatile ClientInterceptor[] chain;
    private HttpClient http; // guarded by this
    private volatile javax.net.ssl.SSLContext tls;

    private final Deadlines deadlines;

    NamedClient(String name, ObjectMapper mapper, Deadlines deadlines) {
        this.deadlines = deadlines;
        this.name = name;
        this.mapper = mapper;
    }

    /**
     * @param outer interceptors in order; the network exchange is appended
     */
    /** @return the sources of the current work's remaining deadline */
    Deadlines deadlines() {
        return deadlines;
    }

    /**
     * @param tls the context of an https client's {@code tls} section; null for plain http
     */
    void install(ClientSettings settings, javax.net.ssl.SSLContext tls, ClientInterceptor[] outer) {
        this.tls = tls;
        ClientInterceptor[] all = java.util.Arrays.copyOf(outer, outer.length + 1);
        all[outer.length] = c -> http().send(c.request(), HttpResponse.BodyHandlers.ofByteArray());
        this.settings = settings;
        this.chain = all;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI baseUrl() {
        return settings().baseUrl();
    }

    @Override
    public ClientRequest request(String method, String uriTemplate, Object... variables) {
        String path = UriTemplates.expand(uriTemplate, variables == null ? new Object[0] : variables);
        return new ClientCall(this, method.toUpperCase(java.util.Locale.ROOT), uriTemplate, path);
    }

    ClientSettings settings() {
        ClientSettings s = settings;
        if (s == null) {
            throw new IllegalStateException("HTTP client '" + name
                    + "' can be used once every module has been configured (from ChassisModule.start() on)");
        }
        return s;
    }

    ClientInterceptor[] chain() {
        settings();
        return chain;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(settings().connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (tls != null) {
                builder.sslContext(tls);
            }
            http = builder.build();
        }
        return http;
    }

    /**
     * Releases the JDK client's threads and connections at once: Java 21+ has {@code shutdownNow()}
     * (looked up reflectively, as we compile for 17); older JDKs let the garbage collector do it.
     */
    synchronized void close() {
        if (http != null) {
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(http);
            } catch (ReflectiveOperationException e) {
                // Java 17: nothing to call
            }
            http = null;
        }
    }
}
