package io.chassis.health.internal;

import io.chassis.core.health.HealthStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per check: gauge {@code chassis.health.status} (1 = UP, 0.5 = DEGRADED, 0 = DOWN, NaN before the
 * first result) and timer {@code chassis.health.check.duration}, both tagged {@code check=<name>}.
 */
public final class HealthMetrics implements CheckObserver {

    /** Holds the gauge's value; the registry keeps only a weak reference to it, this class a strong one. */
    private static final class Value {
        volatile double value = Double.NaN;
    }

    private final Map<String, Value> statuses;
    private final Map<String, Timer> timers;

    /**
     * Registers the meters of every check.
     *
     * @param registry the service's registry
     * @param checks the checks' names
     */
    public HealthMetrics(MeterRegistry registry, List<String> checks) {
        this.statuses = checks.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), c -> new Value()));
        this.timers = checks.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), c -> Timer.builder(
                        "chassis.health.check.duration")
                .description("Time one run of a health check took")
                .tag("check", c)
                .register(registry)));
        statuses.forEach((check, value) -> Gauge.builder("chassis.health.status", value, v -> v.value)
                .description("Reported status of a health check: 1 UP, 0.5 DEGRADED, 0 DOWN")
                .tag("check", check)
                .register(registry));
    }

    @Override
    public void ran(String check, long nanos) {
        Timer timer = timers.get(check);
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void reported(String check, HealthStatus status) {
        Value value = statuses.get(check);
        if (value != null) {
            value.value = switch (status) {
                case UP -> 1.0;
                case DEGRADED -> 0.5;
                case DOWN -> 0.0;
            };
        }
    }
}
