package io.chassis.core.spi;

/**
 * Whether the service wants new traffic. UP once started; DOWN as soon as shutdown begins, while
 * the server still serves during {@code chassis.shutdown.drain-delay} so load balancers can notice.
 */
@FunctionalInterface
public interface Readiness {

    /** @return true while the service is started and not shutting down */
    boolean isReady();
}
