package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.core.Chassis;
import io.chassis.core.client.ClientTimeoutException;
import io.chassis.testing.ClientWarmUp;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hanging downstream is cut by the time limiter, not by the (much longer) request timeout. */
class TimeLimiterIT {

    final Downstream downstream = new Downstream(new TestClock());
    TestService service;

    @BeforeEach
    void start() {
        service = TestService.start(Chassis.builder()
                .name("caller")
                .http(h -> h.set("access-log.enabled", false))
                .configOverride("chassis.clients.slow.base-url", downstream.baseUrl())
                .configOverride("chassis.clients.slow.request-timeout", "60s")
                .configOverride("chassis.clients.slow.resilience.time-limiter", "slow")
                .configOverride("chassis.clients.slow.resilience.retry", "none")
                .configOverride("chassis.resilience.time-limiter.slow.timeout-duration", "500ms"));
    }

    @AfterEach
    void stop() {
        service.close();
        downstream.close();
    }

    @Test
    void callerGetsATimeoutErrorWithinTheLimitPlusAMargin() {
        // Answered calls first: on a cold JVM the client's first connection and class loading can take
        // longer than the limit, and the timed call would then be cut before it reaches the downstream.
        ClientWarmUp.untilAnswered(service.app().clients().http("slow"), "/report", 200);
        downstream.mode(Downstream.Mode.HANG);
        int before = downstream.requests();
        long start = System.nanoTime();

        assertThatThrownBy(() ->
                        service.app().clients().http("slow").get("/report").send())
                .isInstanceOf(ClientTimeoutException.class)
                .hasMessageContaining("time limiter");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofMillis(500).plusSeconds(1));
        assertThat(downstream.requests() - before).as("one attempt, no retry").isEqualTo(1);
    }
}
