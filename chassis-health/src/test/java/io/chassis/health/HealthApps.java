package io.chassis.health;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.testing.ChassisExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Builders on loopback with ephemeral ports, and a real HTTP client. */
final class HealthApps {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private HealthApps() {}

    /** A service with only chassis-health, found by ServiceLoader as a user would get it. */
    static ChassisBuilder builder() {
        return ChassisExtension.onLoopback(Chassis.builder().name("health-test").version("1.0.0"));
    }

    static HttpResponse<String> admin(Chassis app, String path) throws IOException, InterruptedException {
        return get(URI.create("http://127.0.0.1:" + app.adminPort() + path));
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
