package io.chassis.resilience.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each state transition of every breaker once: one subscription per breaker, made when it is created. */
final class StateTransitions {

    static final Logger LOG = LoggerFactory.getLogger("io.chassis.resilience.circuit-breaker");

    private StateTransitions() {}

    static void logEveryTransition(CircuitBreakerRegistry registry) {
        registry.getEventPublisher().onEntryAdded(added -> subscribe(added.getAddedEntry()));
        registry.getAllCircuitBreakers().forEach(StateTransitions::subscribe);
    }

    private static void subscribe(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(StateTransitions::log);
    }

    private static void log(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.State to = event.getStateTransition().getToState();
        var line = to == CircuitBreaker.State.CLOSED ? LOG.atInfo() : LOG.atWarn();
        line.addKeyValue("circuit_breaker", event.getCircuitBreakerName())
                .addKeyValue("from", event.getStateTransition().getFromState())
                .addKeyValue("to", to)
                .log(
                        "Circuit breaker '{}' {} -> {}",
                        event.getCircuitBreakerName(),
                        event.getStateTransition().getFromState(),
                        to);
    }
}
