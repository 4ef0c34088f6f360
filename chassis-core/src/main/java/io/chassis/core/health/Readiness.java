package io.chassis.core.health;

/**
 * The service's lifecycle as probes see it: started once {@code start()} has finished; ready while
 * started and not shutting down. Readiness turns DOWN at the first moment of shutdown, while the
 * server still serves during {@code chassis.shutdown.drain-delay} so load balancers can notice.
 */
public interface Readiness {

    /** @return true while the service is started and not shutting down */
    boolean isReady();

    /** @return true once {@code start()} has finished; stays true during and after shutdown */
    boolean isStarted();
}
