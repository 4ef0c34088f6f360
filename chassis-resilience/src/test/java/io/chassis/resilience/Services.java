package io.chassis.resilience;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.core.health.HealthResult;
import io.chassis.core.spi.ModuleContext;
import io.chassis.testing.ChassisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** A service under test: chassis with the discovered resilience module, on loopback, free ports. */
final class Services {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Services() {}

    static ChassisBuilder builder(Clock clock) {
        return ChassisExtension.onLoopback(Chassis.builder().name("caller").clock(clock))
                .configOverride("chassis.http.access-log.enabled", false);
    }

    /** @return the result of the module's {@code circuit-breakers} health check, run now */
    static HealthResult breakerHealth(ModuleContext context) throws Exception {
        return context.healthContributions().stream()
                .filter(c -> c.name().equals("circuit-breakers"))
                .findFirst()
                .orElseThrow()
                .check()
                .check();
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String metrics(Chassis app) throws Exception {
        return get(URI.create("http://127.0.0.1:" + app.adminPort() + "/metrics"))
                .body();
    }
}
