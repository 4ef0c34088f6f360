package io.chassis.resilience;

import io.chassis.core.Chassis;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.testing.TestService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call a protection rejects inside a handler is answered 503 with Retry-After, not 500. */
class RejectedCallIT {

    @Test
    void aRateLimitedDownstreamCallIsServiceUnavailableWithRetryAfter() {
        try (TestService downstream =
                        TestService.start(Chassis.builder().name("stock").configure(app -> app.http()
                                .get("/stock", ctx -> Map.of("count", 3))));
                TestService caller = TestService.start(Chassis.builder()
                        .name("shop")
                        .configOverride(
                                "chassis.clients.stock.base-url",
                                "http://127.0.0.1:" + downstream.app().httpPort())
                        .configOverride("chassis.clients.stock.resilience.rate-limiter", "stock")
                        .configOverride("chassis.clients.stock.resilience.retry", "none")
                        .configOverride("chassis.resilience.rate-limiter.stock.limit-for-period", 1)
                        .configOverride("chassis.resilience.rate-limiter.stock.limit-refresh-period", "1h")
                        .configOverride("chassis.http.retry-after", "7s")
                        .configure(app -> {
                            ChassisHttpClient stock = app.clients().http("stock");
                            app.http().get("/shop", ctx -> stock.get("/stock").send(Map.class));
                        }))) {

            caller.http().get("/shop").send().expectStatus(200).expectJson("/count", 3);
            caller.http()
                    .get("/shop")
                    .send()
                    .expectStatus(503)
                    .expectContentType("application/problem+json")
                    .expectHeader("Retry-After", "7")
                    .expectJson("/title", "Service Unavailable");
        }
    }
}
