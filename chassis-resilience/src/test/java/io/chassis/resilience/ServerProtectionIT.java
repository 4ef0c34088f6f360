package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
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
    static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(Chassis.builder()
                .name("caller")
                .http(h -> h.set("access-log.enabled", false))
                .configOverride("chassis.resilience.rate-limiter.search.limit-for-period", 5)
                .configOverride("chassis.resilience.rate-limiter.search.limit-refresh-period", "1h")
                .configOverride("chassis.resilience.bulkhead.reports.max-concurrent-calls", 2)
                .configOverride("chassis.resilience.server.retry-after", "3s")
                .configOverride(
                        "chassis.resilience.server.routes",
                        List.of(
                                Map.of("route", "/search", "rate-limiter", "search"),
                                Map.of("route", "/reports/{id}", "methods", List.of("GET"), "bulkhead", "reports")))
                .configure(app -> app.http()
                        .get("/search", ctx -> Map.of("hits", 0))
                        .get("/reports/{id}", ctx -> {
                            entered.countDown();
                            release.await(30, TimeUnit.SECONDS);
                            return Map.of("id", ctx.pathParam("id"));
                        })
                        .get("/free", ctx -> Map.of("ok", true))));
    }

    @AfterAll
    static void stop() {
        release.countDown();
        service.close();
    }

    static CompletableFuture<TestResponse> send(String path) {
        return service.http().get(path).timeout(Duration.ofSeconds(30)).sendAsync();
    }

    @Test
    void rateLimitAnswers429WithRetryAfterWhileAdmittedRequestsSucceed() {
        List<CompletableFuture<TestResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(send("/search"));
        }
        List<TestResponse> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).hasSize(12);
        assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(5);
        assertThat(answers).filteredOn(r -> r.status() == 429).hasSize(7).allSatisfy(r -> r.expectHeader(
                        "Retry-After", "3600")
                .expectHeader("Content-Type", "application/problem+json")
                .expectBodyContains("\"status\":429"));
    }

    @Test
    void bulkheadAnswers503WithRetryAfterInsteadOfQueueingAndAdmittedRequestsSucceed() throws Exception {
        CountDownLatch answeredWhileBusy = new CountDownLatch(6);
        List<TestResponse> rejected = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<TestResponse>> calls = new ArrayList<>();
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
        TestResponse free = send("/free").join();
        release.countDown();
        List<TestResponse> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(rejected)
                .allSatisfy(r ->
                        r.expectStatus(503).expectHeader("Retry-After", "3").expectBodyContains("\"status\":503"));
        free.expectStatus(200);
        assertThat(answers).hasSize(8);
        assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(2);
        assertThat(answers).filteredOn(r -> r.status() == 503).hasSize(6);
    }
}
