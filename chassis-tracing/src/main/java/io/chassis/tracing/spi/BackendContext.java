package io.chassis.tracing.spi;

import io.chassis.tracing.TracingSettings;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;

/**
 * What a {@link TracerBackend} builds its tracer from.
 *
 * @param settings the validated {@code chassis.tracing} section
 * @param serviceName the name spans are reported under
 * @param serviceVersion the service's version, for backends that record it
 * @param headers the codec for every propagation format; plug it into the tracer
 * @param droppedSpans count every span that is finished but never sent (queue full, send failed)
 * @param clock the service's clock (for rate limits)
 */
public record BackendContext(
        TracingSettings settings,
        String serviceName,
        String serviceVersion,
        TraceHeaders headers,
        Counter droppedSpans,
        Clock clock) {}
