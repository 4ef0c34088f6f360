package io.chassis.health.internal;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import io.chassis.core.health.HealthKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated {@code chassis.health} section.
 *
 * @param enabled whether the endpoints are served
 * @param timeout default time one run of a check may take
 * @param cacheTtl how long a result is reused
 * @param threads threads that run checks
 * @param details what the endpoints show
 * @param alias an extra path for one report
 * @param failureThreshold consecutive DOWN results before UP turns DOWN
 * @param successThreshold consecutive good results before DOWN turns UP
 * @param background scheduled runs
 * @param checks the configured checks, by name (validated by {@link ConfiguredChecks})
 * @param checkDefaults values for keys a configured check does not set
 * @param defaultKinds kinds of a configured check without {@code kinds}, by type
 */
public record HealthSettings(
        boolean enabled,
        Duration timeout,
        Duration cacheTtl,
        int threads,
        Details details,
        Alias alias,
        int failureThreshold,
        int successThreshold,
        Background background,
        Config checks,
        Config checkDefaults,
        Map<String, Set<HealthKind>> defaultKinds) {

    /** How much the endpoints show. */
    public enum Details {
        /** Status, checks and their data. */
        FULL,
        /** Status and each check's name and status. */
        NAMES,
        /** The overall status only. */
        NONE
    }

    /**
     * @param path the extra path, e.g. {@code /healthcheck}
     * @param report the report it serves
     */
    public record Alias(Optional<String> path, Report report) {}

    /**
     * @param enabled whether checks run on a schedule
     * @param interval time between runs
     */
    public record Background(boolean enabled, Duration interval) {}

    /**
     * Binds and validates {@code chassis.health}.
     *
     * @param config the resolved configuration
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every invalid value
     */
    public static HealthSettings from(Config config) {
        HealthSettings s = ConfigBinder.bind(config, "chassis.health", HealthSettings.class);
        String alias = s.alias.path.orElse("/x");
        new ConfigRules(config)
                .require(positive(s.timeout), "chassis.health.timeout", "be positive", s.timeout, "Use e.g. 2s.")
                .require(
                        !s.cacheTtl.isNegative(),
                        "chassis.health.cache-ttl",
                        "not be negative",
                        s.cacheTtl,
                        "Use 0s to run checks on every probe.")
                .require(s.threads >= 1, "chassis.health.threads", "be at least 1", s.threads, "Use e.g. 4.")
                .require(
                        s.failureThreshold >= 1,
                        "chassis.health.failure-threshold",
                        "be at least 1",
                        s.failureThreshold,
                        "Use 1 to report DOWN at the first failure.")
                .require(
                        s.successThreshold >= 1,
                        "chassis.health.success-threshold",
                        "be at least 1",
                        s.successThreshold,
                        "Use 1 to report UP at the first success.")
                .require(
                        positive(s.background.interval),
                        "chassis.health.background.interval",
                        "be positive",
                        s.background.interval,
                        "Use e.g. 10s.")
                .require(
                        alias.startsWith("/") && !isReportPath(alias),
                        "chassis.health.alias.path",
                        "start with '/' and differ from the /health paths",
                        alias,
                        "Use e.g. \"/healthcheck\".")
                .throwIfAny();
        return s;
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static boolean isReportPath(String path) {
        return Arrays.stream(Report.values()).anyMatch(r -> r.path().equals(path));
    }
}
