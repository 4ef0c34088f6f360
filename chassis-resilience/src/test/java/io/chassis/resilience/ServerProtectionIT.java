package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rate limit (429) and bulkhead (503) on this service's own routes, under concurrent load. */
class ServerProtectionIT {

    static final CountDownLatch release = new CountDownLatch(1);
    static final CountDownLatch entered = new CountDownLatch(2);
    static Chassis app;

    @BeforeAll
    static void start() {
        app = Services.builder(Clock.systemUTC())
                .configOverride("chassis.resilience.rate-limiters.search.limit-for-period", 5)
                .configOverride("chassis.resilience.rate-limiters.search.limit-refresh-period", "1h")
                .configOverride("chassis.resilience.bulkheads.reports.max-concurrent-calls", 2)
                .configOverride("chassis.resilience.server.retry-after", "3s")
                .configOverride(
                        "chassis.resilience.server.routes",
                        List.of(
                                Map.of("route", "/search", "rate-limiter", "search"),
                                Map.of("route", "/reports/{id}", "methods", List.of("GET"), "bulkhead", "reports")))
                .get("/search", ctx -> Map.of("hits", 0))
                .get("/reports/{id}", ctx -> {
                    entered.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return Map.of("id", ctx.pathParam("id"));
                })
                .get("/free", ctx -> Map.of("ok", true))
                .start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        app.stop();
    }

    static CompletableFuture<HttpResponse<String>> send(String path) {
        return Services.HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rateLimitAnswers429WithRetryAfterWhileAdmittedRequestsSucceed() {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(send("/search"));
        }
        List<HttpResponse<String>> answers =
                calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).hasSize(12);
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(5);
        assertThat(answers).filteredOn(r -> r.statusCode() == 429).hasSize(7).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).hasValue("3600");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(r.body()).contains("\"status\":429");
        });
    }

    @Test
    void bulkheadAnswers503WithRetryAfterInsteadOfQueueingAndAdmittedRequestsSucceed() throws Exception {
        CountDownLatch answeredWhileBusy = new CountDownLatch(6);
        List<HttpResponse<String>> rejected = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(send("/reports/" + i).whenComplete((r, e) -> {
                if (r != null && release.getCount() > 0) {
                    rejected.add(r);
                    answeredWhileBusy.countDown();
                }
            }));
        }

        // the six beyond the bulkhead are answered while the two admitted ones still run
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answeredWhileBusy.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> free = send("/free").join();
        release.countDown();
        List<HttpResponse<String>> answers =
                calls.stream().map(CompletableFuture::join).toList();

        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
            assertThat(r.body()).contains("\"status\":503");
        });
        assertThat(free.statusCode()).isEqualTo(200);
        assertThat(answers).hasSize(8);
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(2);
        assertThat(answers).filteredOn(r -> r.statusCode() == 503).hasSize(6);
    }
}
