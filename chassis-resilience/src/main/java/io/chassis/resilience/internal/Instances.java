package io.chassis.resilience.internal;

import io.chassis.core.ContextPropagation;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * The resilience4j registries of one service. An instance is created on first use with the settings
 * configured under its name (or the defaults), published to Micrometer and, for breakers, logged on
 * every state transition.
 */
public final class Instances {

    private final ResilienceSettings settings;
    private final Clock clock;
    private final Failures failures;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final RateLimiterRegistry rateLimiters;
    private final BulkheadRegistry bulkheads;
    private final TimeLimiterRegistry timeLimiters;
    private final ExecutorService timeLimited;
    private final ContextPropagation propagation;

    Instances(ResilienceSettings settings, Clock clock, ExecutorService timeLimited, ContextPropagation propagation) {
        this.settings = settings;
        this.clock = clock;
        this.failures = new Failures(settings.retryStatuses());
        this.timeLimited = timeLimited;
        this.propagation = propagation;
        this.circuitBreakers =
                CircuitBreakerRegistry.of(settings.circuitBreakers().defaults().toConfig(clock, failures));
        this.retries = RetryRegistry.of(settings.retries().defaults().toConfig(failures));
        this.rateLimiters =
                RateLimiterRegistry.of(settings.rateLimiters().defaults().toConfig());
        this.bulkheads = BulkheadRegistry.of(settings.bulkheads().defaults().toConfig());
        this.timeLimiters =
                TimeLimiterRegistry.of(settings.timeLimiters().defaults().toConfig());
        StateTransitions.logEveryTransition(circuitBreakers);
    }

    /** Publishes every instance, present and future, through resilience4j-micrometer. */
    void bindMetrics(MeterRegistry registry) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(registry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(registry);
    }

    ResilienceSettings settings() {
        return settings;
    }

    /** @return the protection a profile describes; instance names are resolved against {@code ownName} */
    Protection protection(ProfileSettings profile, String ownName) {
        String cb = ProfileSettings.resolve(profile.circuitBreaker(), ownName);
        String retry = ProfileSettings.resolve(profile.retry(), ownName);
        String rl = ProfileSettings.resolve(profile.rateLimiter(), ownName);
        String bh = ProfileSettings.resolve(profile.bulkhead(), ownName);
        String tl = ProfileSettings.resolve(profile.timeLimiter(), ownName);
        return new Protection(
                cb == null ? null : circuitBreaker(cb),
                retry == null ? null : retry(retry),
                rl == null ? null : rateLimiter(rl),
                tl == null ? null : timeLimiter(tl),
                bh == null ? null : bulkhead(bh),
                timeLimited,
                propagation);
    }

    CircuitBreaker circuitBreaker(String name) {
        return circuitBreakers.circuitBreaker(
                name, () -> settings.circuitBreakers().settings(name).toConfig(clock, failures));
    }

    Retry retry(String name) {
        return retries.retry(name, () -> settings.retries().settings(name).toConfig(failures));
    }

    RateLimiter rateLimiter(String name) {
        return rateLimiters.rateLimiter(
                name, () -> settings.rateLimiters().settings(name).toConfig());
    }

    Bulkhead bulkhead(String name) {
        return bulkheads.bulkhead(
                name, () -> settings.bulkheads().settings(name).toConfig());
    }

    TimeLimiter timeLimiter(String name) {
        return timeLimiters.timeLimiter(
                name, () -> settings.timeLimiters().settings(name).toConfig());
    }

    /** @return the breaker registry, for health and for the escape hatch */
    public CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    /** @return the retry registry */
    public RetryRegistry retries() {
        return retries;
    }

    /** @return the rate limiter registry */
    public RateLimiterRegistry rateLimiters() {
        return rateLimiters;
    }

    /** @return the bulkhead registry */
    public BulkheadRegistry bulkheads() {
        return bulkheads;
    }

    /** @return the time limiter registry */
    public TimeLimiterRegistry timeLimiters() {
        return timeLimiters;
    }
}
