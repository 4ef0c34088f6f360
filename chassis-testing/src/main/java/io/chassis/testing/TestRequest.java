package io.chassis.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One request of a {@link TestClient}, sent with {@link #send()}. Not reusable across threads. */
public final class TestRequest {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final HttpRequest.Builder builder;
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    TestRequest(String method, URI uri) {
        this.method = method;
        this.builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    }

    /**
     * @param name header name
     * @param value header value
     * @return this
     * @throws IllegalArgumentException for headers the JDK client does not let a caller set
     */
    public TestRequest header(String name, String value) {
        builder.header(name, value);
        return this;
    }

    /**
     * @param text the body, sent as UTF-8
     * @param contentType e.g. {@code text/plain}; replaces a {@code Content-Type} set before
     * @return this
     */
    public TestRequest body(String text, String contentType) {
        builder.setHeader("Content-Type", contentType);
        body = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
        return this;
    }

    /**
     * @param json a JSON document as text, sent as {@code application/json}
     * @return this
     */
    public TestRequest json(String json) {
        return body(json, "application/json");
    }

    /**
     * @param value serialised with Jackson, sent as {@code application/json}
     * @return this
     */
    public TestRequest jsonOf(Object value) {
        try {
            return json(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    /**
     * @param timeout how long to wait for the response (default 20 s)
     * @return this
     */
    public TestRequest timeout(Duration timeout) {
        builder.timeout(timeout);
        return this;
    }

    /**
     * Sends the request and reads the whole response.
     *
     * @return the response
     * @throws UncheckedIOException when the connection fails or the timeout passes
     */
    public TestResponse send() {
        try {
            return new TestResponse(method, TestClient.HTTP.send(build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + build().uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + build().uri(), e);
        }
    }

    /** @return the response, later; for concurrent requests */
    public CompletableFuture<TestResponse> sendAsync() {
        return TestClient.HTTP
                .sendAsync(build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new TestResponse(method, r));
    }

    private HttpRequest build() {
        return builder.method(method, body).build();
    }
}
