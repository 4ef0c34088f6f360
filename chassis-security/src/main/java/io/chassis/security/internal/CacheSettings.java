package io.chassis.security.internal;

import static io.chassis.config.ConfigRules.check;

import java.time.Duration;

/**
 * {@code chassis.security.jwt.verified-cache}: see {@link VerifiedTokens}.
 *
 * @param maxEntries most tokens held; 0 = off
 * @param maxAge longest time a verified token is accepted without a new check
 */
record CacheSettings(int maxEntries, Duration maxAge) {

    static final String PATH = "chassis.security.jwt.verified-cache";

    CacheSettings {
        check(
                maxEntries >= 0 && maxEntries <= 1_000_000,
                "max-entries",
                "be between 0 and 1000000",
                maxEntries,
                "Use e.g. 10000, or 0 to turn it off.");
        check(maxAge.toMillis() > 0, "max-age", "be positive", maxAge, "Use e.g. 60s.");
    }
}
