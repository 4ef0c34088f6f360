package io.chassis.resilience.internal;

/** Validation inside settings records; the config binder reports the message with origin and path. */
final class Rules {

    private Rules() {}

    /**
     * @throws IllegalArgumentException "must have {key} {rule}, but was '{value}'. {fix}" unless ok
     */
    static void require(boolean ok, String key, String rule, Object value, String fix) {
        if (!ok) {
            throw new IllegalArgumentException("must have " + key + " " + rule + ", but was '" + value + "'. " + fix);
        }
    }

    static boolean positive(java.time.Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
