package io.chassis.resilience;

import io.chassis.resilience.internal.Decorators;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Protects any code with the circuit breaker, retry, rate limiter, time limiter and bulkhead of a
 * named profile ({@code chassis.resilience.profiles.<name>}, or {@code profile-defaults} with
 * <code>{name}</code> = that name), in the same fixed order as the HTTP clients.
 *
 * <pre>{@code
 * Resilience resilience = app.extension(Resilience.class);
 * Supplier<Stock> stock = resilience.decorate("inventory", () -> inventory.stock(sku));
 * Supplier<Stock> orCached = resilience.decorate("inventory", () -> inventory.stock(sku), e -> cache.get(sku));
 * }</pre>
 *
 * <p>Decorated code throws what it threw, resilience4j's {@code CallNotPermittedException} (open
 * breaker), {@code RequestNotPermitted} (rate limit) or {@code BulkheadFullException} (full
 * bulkhead), or {@link ResilienceTimeoutException}. Every exception but those rejections is retried.
 */
public final class Resilience {

    private final Decorators decorators;

    Resilience(Decorators decorators) {
        this.decorators = decorators;
    }

    /**
     * @param name the profile's name, e.g. {@code inventory}
     * @param supplier the code to protect
     * @param <T> the result type
     * @return the protected supplier; reuse it, it is thread-safe if {@code supplier} is
     * @throws io.chassis.config.ConfigProblemsException when the profile names unknown instances
     */
    public <T> Supplier<T> decorate(String name, Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        Callable<T> callable = decorateCallable(name, supplier::get);
        return () -> decorators.unchecked(name, callable);
    }

    /**
     * Like {@link #decorate(String, Supplier)}, answering with a fallback when the protected code
     * fails in the end (after retries) or is rejected.
     *
     * @param fallback computes the answer from the failure
     */
    public <T> Supplier<T> decorate(String name, Supplier<T> supplier, Function<RuntimeException, T> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        Supplier<T> protectedSupplier = decorate(name, supplier);
        return () -> {
            try {
                return protectedSupplier.get();
            } catch (RuntimeException e) {
                return fallback.apply(e);
            }
        };
    }

    /**
     * @param name the profile's name
     * @param runnable the code to protect
     * @return the protected runnable
     */
    public Runnable decorate(String name, Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        Supplier<Object> supplier = decorate(name, () -> {
            runnable.run();
            return null;
        });
        return supplier::get;
    }

    /**
     * Protects code that throws checked exceptions; a time limit is reported as {@code
     * java.util.concurrent.TimeoutException}.
     *
     * @param name the profile's name
     * @param callable the code to protect
     * @param <T> the result type
     * @return the protected callable
     */
    public <T> Callable<T> decorateCallable(String name, Callable<T> callable) {
        return decorators.decorate(Objects.requireNonNull(name, "name"), Objects.requireNonNull(callable, "callable"));
    }

    /** @return escape hatch: the circuit breaker registry (e.g. to force a breaker open) */
    public CircuitBreakerRegistry circuitBreakers() {
        return decorators.instances().circuitBreakers();
    }
}
