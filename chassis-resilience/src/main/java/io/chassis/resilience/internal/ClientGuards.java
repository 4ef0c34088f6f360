package io.chassis.resilience.internal;

import com.typesafe.config.Config;
import io.chassis.config.ConfigRules;
import io.chassis.core.spi.CallGuard.Rejected;
import io.chassis.core.spi.ClientGuard;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Owns the {@code resilience} key of other transports' named clients ({@code
 * chassis.grpc.clients.<name>.resilience}): the same instances and defaults as an HTTP client's, in
 * the same order (circuit breaker, rate limiter, bulkhead) but without retry and time limiter — the
 * transport retries by its own mechanism and bounds a call by its deadline.
 */
final class ClientGuards implements ClientGuard {

    private final Config config;
    private final Instances instances;
    private final Duration retryAfter;

    ClientGuards(Config config, Instances instances, Duration retryAfter) {
        this.config = config;
        this.instances = instances;
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Guarded> forClient(String transport, String client, String path) {
        String section = path + ".resilience";
        ConfigRules problems = new ConfigRules(config);
        for (String key : new String[] {"retry", "time-limiter"}) {
            problems.require(
                    !config.hasPath(section + "." + key),
                    section + "." + key,
                    "not be set for " + transport + " clients",
                    config.hasPath(section + "." + key)
                            ? config.getValue(section + "." + key).unwrapped()
                            : null,
                    "Remove it: a " + transport + " client retries with its own retry section (" + path
                            + ".retry) and is bounded by its deadline.");
        }
        problems.throwIfAny();
        ProfileSettings profile = instances.settings().profile(config, section, client);
        String cb = ProfileSettings.resolve(profile.circuitBreaker(), client);
        String rl = ProfileSettings.resolve(profile.rateLimiter(), client);
        String bh = ProfileSettings.resolve(profile.bulkhead(), client);
        if (cb == null && rl == null && bh == null) {
            return Optional.empty();
        }
        return Optional.of(new Guard(
                client,
                cb == null ? null : instances.circuitBreaker(cb),
                rl == null ? null : instances.rateLimiter(rl),
                bh == null ? null : instances.bulkhead(bh),
                retryAfter));
    }

    private record Guard(
            String client, CircuitBreaker breaker, RateLimiter rateLimiter, Bulkhead bulkhead, Duration retryAfter)
            implements Guarded {

        @Override
        public Attempt enter(String operation) {
            if (breaker != null && !breaker.tryAcquirePermission()) {
                throw new Rejected(
                        Rejected.Reason.CIRCUIT_OPEN,
                        retryAfter,
                        "client '" + client + "': the circuit breaker is open; " + operation + " was not called");
            }
            if (rateLimiter != null && !rateLimiter.acquirePermission()) {
                release();
                throw new Rejected(
                        Rejected.Reason.RATE_LIMITED,
                        rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod(),
                        "client '" + client + "': the rate limit is reached; " + operation + " was not called");
            }
            if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
                release();
                throw new Rejected(
                        Rejected.Reason.AT_CAPACITY,
                        retryAfter,
                        "client '" + client + "': too many calls in progress; " + operation + " was not called");
            }
            long started = breaker == null ? 0 : breaker.getCurrentTimestamp();
            return (failure, cause) -> {
                if (bulkhead != null) {
                    bulkhead.onComplete();
                }
                if (breaker != null) {
                    long took = breaker.getCurrentTimestamp() - started;
                    TimeUnit unit = breaker.getTimestampUnit();
                    if (failure) {
                        breaker.onError(took, unit, cause);
                    } else {
                        breaker.onSuccess(took, unit);
                    }
                }
            };
        }

        /** A rejection after the breaker's permission was taken: give it back, it is no outcome. */
        private void release() {
            if (breaker != null) {
                breaker.releasePermission();
            }
        }
    }
}
