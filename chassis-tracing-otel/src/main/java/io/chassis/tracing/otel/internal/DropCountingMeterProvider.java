package io.chassis.tracing.otel.internal;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import java.util.function.Consumer;

/**
 * The meter provider handed to the {@code BatchSpanProcessor}: it records nothing except the spans
 * the processor drops because its queue is full ({@code processedSpans} with {@code dropped=true}),
 * which go to {@code chassis.tracing.spans.dropped}. Every other instrument is a no-op.
 */
public final class DropCountingMeterProvider implements MeterProvider {

    private static final String PROCESSED_SPANS = "processedSpans";
    private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

    private final Meter noop = MeterProvider.noop().get("chassis");
    private final Counter dropped;

    /** @param dropped the counter to increment */
    public DropCountingMeterProvider(Counter dropped) {
        this.dropped = dropped;
    }

    @Override
    public MeterBuilder meterBuilder(String instrumentationScopeName) {
        Meter meter = new DropMeter();
        return new MeterBuilder() {
            @Override
            public MeterBuilder setSchemaUrl(String schemaUrl) {
                return this;
            }

            @Override
            public MeterBuilder setInstrumentationVersion(String version) {
                return this;
            }

            @Override
            public Meter build() {
                return meter;
            }
        };
    }

    private final class DropMeter implements Meter {
        @Override
        public LongCounterBuilder counterBuilder(String name) {
            LongCounterBuilder builder = noop.counterBuilder(name);
            return PROCESSED_SPANS.equals(name) ? new DropCounterBuilder(builder) : builder;
        }

        @Override
        public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
            return noop.upDownCounterBuilder(name);
        }

        @Override
        public DoubleHistogramBuilder histogramBuilder(String name) {
            return noop.histogramBuilder(name);
        }

        @Override
        public DoubleGaugeBuilder gaugeBuilder(String name) {
            return noop.gaugeBuilder(name);
        }
    }

    private final class DropCounterBuilder implements LongCounterBuilder {
        private final LongCounterBuilder noopBuilder;

        DropCounterBuilder(LongCounterBuilder noopBuilder) {
            this.noopBuilder = noopBuilder;
        }

        @Override
        public LongCounterBuilder setDescription(String description) {
            return this;
        }

        @Override
        public LongCounterBuilder setUnit(String unit) {
            return this;
        }

        @Override
        public DoubleCounterBuilder ofDoubles() {
            return noopBuilder.ofDoubles();
        }

        @Override
        public LongCounter build() {
            return new LongCounter() {
                @Override
                public void add(long value) {}

                @Override
                public void add(long value, Attributes attributes) {
                    if (Boolean.TRUE.equals(attributes.get(DROPPED))) {
                        dropped.increment(value);
                    }
                }

                @Override
                public void add(long value, Attributes attributes, Context context) {
                    add(value, attributes);
                }
            };
        }

        @Override
        public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
            return noopBuilder.buildWithCallback(callback);
        }
    }
}
