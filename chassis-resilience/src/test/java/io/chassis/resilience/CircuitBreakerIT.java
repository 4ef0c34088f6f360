package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chassis.core.Chassis;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.client.ClientRejectedException;
import io.chassis.core.client.ClientResponseException;
import io.chassis.core.health.HealthStatus;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestService;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The breaker of a named client against a real downstream, driven by an injected clock. */
class CircuitBreakerIT {

    final TestClock clock = new TestClock();
    final Downstream downstream = new Downstream(clock);
    final AtomicReference<Resilience> resilience = new AtomicReference<>();
    final ContextCapture capture = new ContextCapture();
    TestService service;

    @BeforeEach
    void start() {
        service = TestService.start(Chassis.builder()
                .name("caller")
                .clock(clock)
                .http(h -> h.set("access-log.enabled", false))
                .module(capture)
                .configOverride("chassis.clients.stock.base-url", downstream.baseUrl())
                .configOverride("chassis.clients.stock.resilience.retry", "none")
                .configOverride("chassis.resilience.circuit-breaker.stock.sliding-window-size", 10)
                .configOverride("chassis.resilience.circuit-breaker.stock.minimum-number-of-calls", 10)
                .configOverride("chassis.resilience.circuit-breaker.stock.failure-rate-threshold", 50)
                .configOverride("chassis.resilience.circuit-breaker.stock.slow-call-rate-threshold", 50)
                .configOverride("chassis.resilience.circuit-breaker.stock.slow-call-duration-threshold", "1s")
                .configOverride("chassis.resilience.circuit-breaker.stock.wait-duration-in-open-state", "30s")
                .configOverride(
                        "chassis.resilience.circuit-breaker.stock.permitted-number-of-calls-in-half-open-state", 3)
                .configure(app -> resilience.set(app.extension(Resilience.class))));
    }

    @AfterEach
    void stop() {
        service.close();
        downstream.close();
    }

    ChassisHttpClient stock() {
        return service.app().clients().http("stock");
    }

    CircuitBreaker.State state() {
        return resilience.get().circuitBreakers().circuitBreaker("stock").getState();
    }

    void call() {
        try {
            stock().get("/stock/{sku}", "a-1").send();
        } catch (ClientResponseException | ClientRejectedException e) {
            // a 503 answer or a fast failure: the breaker's state and the downstream's count tell the rest
        }
    }

    void open() {
        downstream.mode(Downstream.Mode.UNAVAILABLE);
        for (int i = 0; i < 10; i++) {
            call();
        }
        assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void opensAtTheConfiguredFailureRateAndThenFailsFastWithoutReachingTheDownstream() {
        for (int i = 0; i < 10; i++) {
            downstream.mode(i % 2 == 0 ? Downstream.Mode.OK : Downstream.Mode.UNAVAILABLE);
            assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
            call();
        }
        int reached = downstream.requests();

        assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> stock().get("/stock/{sku}", "a-1").send())
                .isInstanceOfSatisfying(ClientRejectedException.class, e -> assertThat(e.reason())
                        .isEqualTo("circuit-open"));
        assertThat(downstream.requests()).isEqualTo(reached);
    }

    @Test
    void staysClosedBelowTheFailureRate() {
        for (int i = 0; i < 10; i++) {
            downstream.mode(i < 4 ? Downstream.Mode.UNAVAILABLE : Downstream.Mode.OK);
            call();
        }

        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void opensAtTheConfiguredSlowCallRate() {
        downstream.slow(Duration.ofSeconds(2));
        for (int i = 0; i < 5; i++) {
            call();
        }
        downstream.mode(Downstream.Mode.OK);
        for (int i = 0; i < 4; i++) {
            call();
        }
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);

        call(); // tenth call: 5 of 10 slow = 50%

        assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void halfOpenLetsExactlyThePermittedProbesThroughThenOpensAgainIfTheyFail() {
        open();
        int before = downstream.requests();
        clock.advance(Duration.ofSeconds(29));
        call();
        assertThat(downstream.requests()).isEqualTo(before);

        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 6; i++) {
            call();
        }

        assertThat(downstream.requests()).isEqualTo(before + 3);
        assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void closesAfterRecoveryAndLogsEachTransitionOnce() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger("io.chassis.resilience.circuit-breaker")).addAppender(log);
        try {
            open();
            clock.advance(Duration.ofSeconds(31));
            downstream.mode(Downstream.Mode.OK);
            for (int i = 0; i < 3; i++) {
                call();
            }

            assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(log.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            "Circuit breaker 'stock' CLOSED -> OPEN",
                            "Circuit breaker 'stock' OPEN -> HALF_OPEN",
                            "Circuit breaker 'stock' HALF_OPEN -> CLOSED");
        } finally {
            ((Logger) LoggerFactory.getLogger("io.chassis.resilience.circuit-breaker")).detachAppender(log);
        }
    }

    @Test
    void metricsAndHealthReflectTheBreakerState() throws Exception {
        call();
        assertThat(capture.breakerHealth().status()).isEqualTo(HealthStatus.UP);

        open();

        var health = capture.breakerHealth();
        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.details()).containsEntry("stock", "OPEN");
        assertThat(health.message()).contains("stock");
        assertThat(service.admin().get("/metrics").send().body())
                .containsPattern(
                        "resilience4j_circuitbreaker_state\\{[^}]*name=\"stock\"[^}]*state=\"open\"[^}]*} 1\\.0")
                .containsPattern("resilience4j_circuitbreaker_not_permitted_calls_total\\{[^}]*name=\"stock\"");
    }
}
