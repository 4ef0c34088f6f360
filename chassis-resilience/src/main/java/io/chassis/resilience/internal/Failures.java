package io.chassis.resilience.internal;

import io.chassis.core.client.ClientRejectedException;
import io.chassis.core.client.ClientResponseException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * What counts as a failure, and what is retried. Answers inside the HTTP client chain are results
 * (an {@link HttpResponse}); answers thrown by code around a client are {@link
 * ClientResponseException}s. Rejections by a protection are neither failures nor retried.
 */
final class Failures {

    private final Set<Integer> retryStatuses;

    Failures(Set<Integer> retryStatuses) {
        this.retryStatuses = Set.copyOf(retryStatuses);
    }

    /** A 5xx answer counts against the breaker. */
    boolean isFailedResult(Object result) {
        return result instanceof HttpResponse<?> response && response.statusCode() >= 500;
    }

    /** One of {@code chassis.resilience.http.retry-statuses}. */
    boolean isRetryableResult(Object result) {
        return result instanceof HttpResponse<?> response && retryStatuses.contains(response.statusCode());
    }

    /** Refused by a protection before anything was attempted: an open breaker, a rate limit, a full bulkhead. */
    boolean isRejection(Throwable t) {
        return t instanceof CallNotPermittedException
                || t instanceof RequestNotPermitted
                || t instanceof BulkheadFullException
                || t instanceof ClientRejectedException;
    }

    /** Everything but a 4xx answer (the caller's fault, not the downstream's) counts against the breaker. */
    boolean isBreakerFailure(Throwable t) {
        return !(t instanceof ClientResponseException e && e.status() < 500);
    }

    /** Retried: failures that may pass on another attempt; never rejections or interrupts. */
    boolean isRetryable(Throwable t) {
        if (isRejection(t) || t instanceof InterruptedException) {
            return false;
        }
        return !(t instanceof ClientResponseException e) || retryStatuses.contains(e.status());
    }
}
