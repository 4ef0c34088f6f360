package io.chassis.health.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.spi.HealthCheck;
import io.chassis.core.spi.HealthContribution;
import io.chassis.core.spi.HealthKind;
import io.chassis.health.HealthChecks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns {@code chassis.health.checks} into contributions, reporting every problem at once. */
public final class ConfiguredChecks {

    private ConfiguredChecks() {}

    /**
     * @param root the resolved configuration
     * @param settings the health settings
     * @return one contribution per configured check, in file order
     * @throws ConfigProblemsException listing every invalid entry
     */
    public static List<HealthContribution> from(Config root, HealthSettings settings) {
        Problems problems = new Problems(root);
        List<HealthContribution> checks = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : settings.checks().root().entrySet()) {
            String path = "chassis.health.checks." + ConfigUtil.joinPath(e.getKey());
            if (e.getValue().valueType() != ConfigValueType.OBJECT) {
                problems.require(
                        false,
                        path,
                        "be an object such as { type = tcp, host = db, port = 5432 }",
                        e.getValue().unwrapped(),
                        "See docs/health.md for the check types.");
                continue;
            }
            try {
                Config own = ((ConfigObject) e.getValue()).toConfig();
                Config merged =
                        own.withFallback(settings.checkDefaults()).atPath(path).withFallback(root);
                CheckEntry entry = ConfigBinder.bind(merged, path, CheckEntry.class);
                if (valid(e.getKey(), path, own, merged, entry, problems)) {
                    checks.add(contribution(e.getKey(), entry, settings));
                }
            } catch (ConfigProblemsException ex) {
                problems.addAll(ex);
            } catch (IllegalArgumentException ex) { // e.g. a URL that does not parse
                problems.require(false, path, "describe a usable check", ex.getMessage(), "Fix the entry.");
            }
        }
        problems.throwIfAny();
        return checks;
    }

    private static boolean valid(
            String name, String path, Config own, Config merged, CheckEntry entry, Problems problems) {
        Problems mine = new Problems(merged, own.root().origin().description());
        CheckEntry.Type type = entry.type();
        for (String key : own.root().keySet()) {
            Object shown = key.equals("password")
                    ? "******"
                    : own.getValue(ConfigUtil.joinPath(key)).unwrapped();
            mine.require(
                    type.reads(key),
                    path + "." + ConfigUtil.joinPath(key),
                    "not be set for type " + type.key(),
                    shown,
                    "Type " + type.key() + " reads: " + String.join(", ", type.keys) + ".");
        }
        mine.require(
                !HealthRegistry.RESERVED.contains(name),
                path,
                "not use a reserved name",
                name,
                "Rename the check; 'ready' and 'started' are the service's own entries.");
        entry.kinds()
                .ifPresent(k -> mine.require(
                        !k.isEmpty(),
                        path + ".kinds",
                        "name at least one kind",
                        "[]",
                        "Use e.g. [readiness] or [liveness, readiness]."));
        entry.timeout()
                .ifPresent(t -> mine.require(
                        !t.isNegative() && !t.isZero(), path + ".timeout", "be positive", t, "Use e.g. 1s."));
        switch (type) {
            case TCP -> {
                mine.require(
                        entry.host().isPresent(),
                        path + ".host",
                        "be set for type tcp",
                        "null",
                        "Add host = \"db.internal\".");
                int port = entry.port().orElse(0);
                mine.require(
                        port >= 1 && port <= 65535,
                        path + ".port",
                        "be between 1 and 65535",
                        entry.port().orElse(null),
                        "Add port = 5432.");
            }
            case HTTP -> {
                String url = entry.url().orElse("");
                mine.require(
                        url.startsWith("http://") || url.startsWith("https://"),
                        path + ".url",
                        "be an http or https URL",
                        entry.url().orElse(null),
                        "Use e.g. url = \"http://payments:8081/health/ready\".");
                mine.require(
                        entry.expectedStatus() >= 100 && entry.expectedStatus() <= 599,
                        path + ".expected-status",
                        "be an HTTP status (100..599)",
                        entry.expectedStatus(),
                        "Use e.g. 200.");
            }
            case HEAP ->
                mine.require(
                        entry.maxUsed() > 0 && entry.maxUsed() <= 1,
                        path + ".max-used",
                        "be above 0 and at most 1",
                        entry.maxUsed(),
                        "Use e.g. 0.9 for 90%.");
            case JDBC ->
                mine.require(
                        entry.url().orElse("").startsWith("jdbc:"),
                        path + ".url",
                        "be a JDBC URL",
                        entry.url().orElse(null),
                        "Use e.g. url = \"jdbc:postgresql://db:5432/orders\".");
            case DISK, DEADLOCK -> {}
        }
        if (mine.isEmpty()) {
            return true;
        }
        try {
            mine.throwIfAny();
        } catch (ConfigProblemsException ex) {
            problems.addAll(ex);
        }
        return false;
    }

    private static HealthContribution contribution(String name, CheckEntry entry, HealthSettings settings) {
        Duration timeout = entry.timeout().orElse(settings.timeout());
        Set<HealthKind> kinds =
                entry.kinds().orElse(settings.defaultKinds().get(entry.type().key()));
        return new HealthContribution(name, kinds, entry.critical(), entry.timeout(), check(entry, timeout));
    }

    private static HealthCheck check(CheckEntry entry, Duration timeout) {
        return switch (entry.type()) {
            case TCP ->
                HealthChecks.tcp(entry.host().orElseThrow(), entry.port().orElseThrow(), timeout);
            case HTTP -> HealthChecks.http(URI.create(entry.url().orElseThrow()), entry.expectedStatus(), timeout);
            case DISK -> HealthChecks.diskSpace(entry.path(), entry.minFree().toBytes());
            case HEAP -> HealthChecks.heap(entry.maxUsed());
            case DEADLOCK -> HealthChecks.deadlocks();
            case JDBC ->
                HealthChecks.jdbc(
                        entry.url().orElseThrow(),
                        entry.username().orElse(null),
                        entry.password().orElse(null),
                        timeout);
        };
    }
}
