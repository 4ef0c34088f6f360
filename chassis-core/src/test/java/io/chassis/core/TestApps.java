package io.chassis.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Builders and an HTTP client for tests: ephemeral ports, no drain delay, no shutdown hook. */
final class TestApps {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestApps() {}

    static ChassisBuilder builder() {
        return Chassis.builder()
                .name("test-service")
                .version("1.2.3")
                .discoverModules(false)
                .configOverride("chassis.http.port", 0)
                .configOverride("chassis.admin.port", 0)
                .configOverride("chassis.http.host", "127.0.0.1")
                .configOverride("chassis.admin.host", "127.0.0.1")
                .configOverride("chassis.shutdown.drain-delay", "0s")
                .configOverride("chassis.shutdown.hook", false);
    }

    static URI uri(Chassis app, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.httpPort() + pathAndQuery);
    }

    static URI adminUri(Chassis app, String path) {
        return URI.create("http://127.0.0.1:" + app.adminPort() + path);
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build());
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    }
}
