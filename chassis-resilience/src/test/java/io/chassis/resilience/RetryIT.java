package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.core.Chassis;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.client.ClientException;
import io.chassis.core.client.ClientRejectedException;
import io.chassis.core.client.ClientResponseException;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries are bounded, only for idempotent requests, and never feed an open breaker. */
class RetryIT {

    final TestClock clock = new TestClock();
    final Downstream downstream = new Downstream(clock);
    TestService service;

    @BeforeEach
    void start() {
        downstream.mode(Downstream.Mode.UNAVAILABLE);
        service = TestService.start(Chassis.builder()
                .name("caller")
                .clock(clock)
                .http(h -> h.set("access-log.enabled", false))
                .configOverride("chassis.clients.orders.base-url", downstream.baseUrl())
                .configOverride("chassis.resilience.retry.orders.max-attempts", 3)
                .configOverride("chassis.resilience.retry.orders.wait-duration", "5ms")
                .configOverride("chassis.resilience.retry.orders.max-wait-duration", "20ms")
                .configOverride("chassis.resilience.circuit-breaker.orders.sliding-window-size", 6)
                .configOverride("chassis.resilience.circuit-breaker.orders.minimum-number-of-calls", 6)
                .configOverride(
                        "chassis.resilience.circuit-breaker.orders.permitted-number-of-calls-in-half-open-state", 2)
                .configOverride("chassis.resilience.circuit-breaker.orders.wait-duration-in-open-state", "10s"));
    }

    @AfterEach
    void stop() {
        service.close();
        downstream.close();
    }

    ChassisHttpClient orders() {
        return service.app().clients().http("orders");
    }

    /** @return how many attempts of one client call reached the downstream */
    int attemptsOf(Runnable call) {
        int before = downstream.requests();
        try {
            call.run();
        } catch (ClientException e) {
            // the outcome is checked through the downstream's count
        }
        return downstream.requests() - before;
    }

    @Test
    void retryStormIsBoundedByMaxAttemptsAndStoppedByTheBreaker() {
        int[] attempts = new int[8];
        for (int i = 0; i < attempts.length; i++) {
            attempts[i] = attemptsOf(() -> orders().get("/orders/{id}", 1).send());
        }

        assertThat(java.util.Arrays.stream(attempts).max().orElseThrow()).isLessThanOrEqualTo(3);
        assertThat(attempts).startsWith(3, 3); // two calls fill the window of six: open
        assertThat(attempts).endsWith(0, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> orders().get("/orders/{id}", 1).send()).isInstanceOf(ClientRejectedException.class);
    }

    @Test
    void onceHalfOpenOnlyThePermittedProbesReachTheDownstream() {
        for (int i = 0; i < 3; i++) {
            attemptsOf(() -> orders().get("/orders/{id}", 1).send());
        }
        int before = downstream.requests();
        clock.advance(Duration.ofSeconds(11));

        for (int i = 0; i < 5; i++) {
            attemptsOf(() -> orders().get("/orders/{id}", 1).send());
        }

        assertThat(downstream.requests() - before).isEqualTo(2);
    }

    @Test
    void exhaustedRetriesEndInTheLastAnswer() {
        assertThatThrownBy(() -> orders().get("/orders/{id}", 1).send())
                .isInstanceOfSatisfying(ClientResponseException.class, e -> assertThat(e.status())
                        .isEqualTo(503));
    }

    @Test
    void postIsNotRetriedUnlessItCarriesAnIdempotencyKey() {
        int plain = attemptsOf(() -> orders().post("/orders").body("{}").send());
        int keyed = attemptsOf(() -> orders().post("/orders")
                .header("Idempotency-Key", "k-1")
                .body("{}")
                .send());

        assertThat(plain).isEqualTo(1);
        assertThat(keyed).isEqualTo(3);
    }

    @Test
    void recoveringDownstreamIsReachedByTheRetry() {
        downstream.mode(Downstream.Mode.OK);
        downstream.failNext(2); // 503, 503, then 200: the third and last attempt succeeds
        int before = downstream.requests();

        String body = orders().get("/orders/{id}", 1).send(String.class);

        assertThat(body).isEqualTo("{\"ok\":true}");
        assertThat(downstream.requests() - before).isEqualTo(3);
    }
}
