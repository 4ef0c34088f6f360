package io.chassis.resilience.internal;

import io.chassis.core.ContextPropagation;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The protections of one client or call site, applied in one fixed order, outermost first:
 * Retry, CircuitBreaker, RateLimiter, TimeLimiter, Bulkhead, then the call. So every attempt passes
 * the breaker (an open breaker stops a retry storm, and its rejection is not retried), a rate-limited
 * or bulkhead-rejected attempt is not counted against the breaker, and the time limiter bounds one
 * attempt, not the waits between attempts. Any of them may be absent.
 */
final class Protection {

    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final TimeLimiter timeLimiter;
    private final Bulkhead bulkhead;
    private final ExecutorService timeLimited;
    private final ContextPropagation propagation;

    Protection(
            CircuitBreaker circuitBreaker,
            Retry retry,
            RateLimiter rateLimiter,
            TimeLimiter timeLimiter,
            Bulkhead bulkhead,
            ExecutorService timeLimited,
            ContextPropagation propagation) {
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
        this.rateLimiter = rateLimiter;
        this.timeLimiter = timeLimiter;
        this.bulkhead = bulkhead;
        this.timeLimited = timeLimited;
        this.propagation = propagation;
    }

    boolean isEmpty() {
        return circuitBreaker == null
                && retry == null
                && rateLimiter == null
                && timeLimiter == null
                && bulkhead == null;
    }

    /**
     * Runs {@code call} protected.
     *
     * @param retryable false for calls that must not run twice (non-idempotent requests)
     * @throws java.util.concurrent.TimeoutException when the time limiter cut an attempt
     * @throws Exception what the call threw, or a protection's rejection
     */
    <T> T call(Callable<T> call, boolean retryable) throws Exception {
        Callable<T> c = call;
        if (bulkhead != null) {
            c = Bulkhead.decorateCallable(bulkhead, c);
        }
        if (timeLimiter != null) {
            c = timeLimited(c);
        }
        if (rateLimiter != null) {
            c = RateLimiter.decorateCallable(rateLimiter, c);
        }
        if (circuitBreaker != null) {
            c = CircuitBreaker.decorateCallable(circuitBreaker, c);
        }
        if (retry != null && retryable) {
            c = Retry.decorateCallable(retry, c);
        }
        return c.call();
    }

    /**
     * Runs the attempt on another thread so the caller can stop waiting; the attempt is interrupted.
     * The attempt carries the caller's context (MDC, active span), so its logs and client span stay
     * in the request's trace.
     */
    private <T> Callable<T> timeLimited(Callable<T> inner) {
        Callable<T> limited = timeLimiter.decorateFutureSupplier(() -> timeLimited.submit(propagation.wrap(inner)));
        return () -> {
            try {
                return limited.call();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        };
    }

    /** @return the time limiter's timeout, for messages */
    Duration timeout() {
        return timeLimiter == null ? null : timeLimiter.getTimeLimiterConfig().getTimeoutDuration();
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }
}
