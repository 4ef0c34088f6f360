package io.chassis.config.internal;

import java.time.Duration;
import java.util.List;

/** The {@code chassis.config} section, bound and checked at load time. */
public record ConfigSettings(Mask mask, Reload reload) {

    /** Masking rules for dumps of the configuration. */
    public record Mask(List<String> words, List<String> reveal) {}

    /** Whether and how often external and secret files are checked for changes. */
    public record Reload(boolean enabled, Duration interval) {
        /** Rejects an interval that is not positive. */
        public Reload {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("must be a positive duration, but was '" + interval + "'");
            }
        }
    }
}
