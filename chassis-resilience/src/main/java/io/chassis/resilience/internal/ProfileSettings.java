package io.chassis.resilience.internal;

/**
 * Which instances protect one HTTP client or one {@code decorate(name, ..)} call site. Each value is
 * {@code none}, {@code default}, <code>{name}</code> or a configured instance's name.
 */
record ProfileSettings(String circuitBreaker, String retry, String rateLimiter, String bulkhead, String timeLimiter) {

    static final String NONE = "none";
    static final String OWN = "{name}";
    static final String DEFAULT = "default";

    /** @return the instance name a value stands for, or null for none */
    static String resolve(String value, String ownName) {
        if (value == null || NONE.equals(value)) {
            return null;
        }
        return OWN.equals(value) ? ownName : value;
    }
}
