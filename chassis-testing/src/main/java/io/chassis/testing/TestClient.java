package io.chassis.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends real HTTP/1.1 requests to one listener of a test service: {@code
 * client.get("/hello?name=Ann").header("X-Request-Id", "r1").send()}.
 */
public final class TestClient {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;

    /** @param base e.g. {@code http://127.0.0.1:8080/} */
    public TestClient(URI base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * @param pathAndQuery e.g. {@code /hello?name=Ann}
     * @return the absolute URI on this listener
     */
    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** @return the port of this listener */
    public int port() {
        return base.getPort();
    }

    /**
     * @param pathAndQuery the target
     * @return a {@code GET} request
     */
    public TestRequest get(String pathAndQuery) {
        return request("GET", pathAndQuery);
    }

    /**
     * @param pathAndQuery the target
     * @return a {@code POST} request; give it a body with {@link TestRequest#json} or {@link TestRequest#body}
     */
    public TestRequest post(String pathAndQuery) {
        return request("POST", pathAndQuery);
    }

    /**
     * @param pathAndQuery the target
     * @return a {@code PUT} request
     */
    public TestRequest put(String pathAndQuery) {
        return request("PUT", pathAndQuery);
    }

    /**
     * @param pathAndQuery the target
     * @return a {@code PATCH} request
     */
    public TestRequest patch(String pathAndQuery) {
        return request("PATCH", pathAndQuery);
    }

    /**
     * @param pathAndQuery the target
     * @return a {@code DELETE} request
     */
    public TestRequest delete(String pathAndQuery) {
        return request("DELETE", pathAndQuery);
    }

    /**
     * @param pathAndQuery the target
     * @return a {@code HEAD} request
     */
    public TestRequest head(String pathAndQuery) {
        return request("HEAD", pathAndQuery);
    }

    /**
     * @param method any method, e.g. {@code OPTIONS}
     * @param pathAndQuery the target
     * @return the request
     */
    public TestRequest request(String method, String pathAndQuery) {
        return new TestRequest(Objects.requireNonNull(method, "method"), uri(pathAndQuery));
    }
}
