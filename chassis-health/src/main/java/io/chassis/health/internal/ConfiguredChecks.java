package io.chassis.health.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.config.ConfigRules;
import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthKind;
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
        ConfigRules problems = new ConfigRules(root);
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
                List<ConfigProblem> found = CheckEntryRules.problems(e.getKey(), path, own, merged, entry);
                if (found.isEmpty()) {
                    checks.add(contribution(e.getKey(), entry, settings));
                }
                problems.addAll(found);
            } catch (ConfigProblemsException ex) {
                problems.addAll(ex);
            } catch (IllegalArgumentException ex) { // e.g. a URL that does not parse
                problems.require(false, path, "describe a usable check", ex.getMessage(), "Fix the entry.");
            }
        }
        problems.throwIfAny();
        return checks;
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
