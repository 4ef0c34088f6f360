package io.chassis.health.internal;

import com.typesafe.config.ConfigMemorySize;
import io.chassis.core.health.HealthKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code chassis.health.checks}, with {@code check-defaults} filled in.
 *
 * @param type what kind of check
 * @param kinds the questions it answers; empty for the type's default kinds
 * @param critical whether a DOWN fails the report
 * @param timeout time for one run; empty for {@code chassis.health.timeout}
 * @param host tcp: host
 * @param port tcp: port
 * @param url http: URL to GET; jdbc: JDBC URL
 * @param expectedStatus http: the healthy status
 * @param path disk: a path on the watched file system
 * @param minFree disk: least healthy free space
 * @param maxUsed heap: largest healthy used share
 * @param username jdbc: user
 * @param password jdbc: password
 */
record CheckEntry(
        Type type,
        Optional<Set<HealthKind>> kinds,
        boolean critical,
        Optional<Duration> timeout,
        Optional<String> host,
        Optional<Integer> port,
        Optional<String> url,
        int expectedStatus,
        Path path,
        ConfigMemorySize minFree,
        double maxUsed,
        Optional<String> username,
        Optional<String> password) {

    /** The built-in check types and the keys each one reads besides the common ones. */
    enum Type {
        TCP(List.of("host", "port")),
        HTTP(List.of("url", "expected-status")),
        DISK(List.of("path", "min-free")),
        HEAP(List.of("max-used")),
        DEADLOCK(List.of()),
        JDBC(List.of("url", "username", "password"));

        static final List<String> COMMON = List.of("type", "kinds", "critical", "timeout");

        final List<String> keys;

        Type(List<String> keys) {
            this.keys = keys;
        }

        boolean reads(String key) {
            return COMMON.contains(key) || keys.contains(key);
        }

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
