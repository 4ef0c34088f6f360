package io.chassis.health.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigRules;
import java.util.List;

/** The rules a configured check must follow beyond its types: keys per type, required keys, ranges. */
final class CheckEntryRules {

    private CheckEntryRules() {}

    /**
     * @param name the entry's name
     * @param path its full path
     * @param own what the entry sets itself
     * @param merged the entry with defaults, at its full path, over the whole configuration
     * @param entry the bound entry
     * @return every problem of the entry; empty when it is usable
     */
    static List<ConfigProblem> problems(String name, String path, Config own, Config merged, CheckEntry entry) {
        // the entry merged with the defaults has no single origin; a key it lacks is named by the entry's own
        ConfigRules mine = new ConfigRules(merged, own.root().origin());
        CheckEntry.Type type = entry.type();
        for (String key : own.root().keySet()) {
            mine.require(
                    type.reads(key),
                    path + "." + ConfigUtil.joinPath(key),
                    "not be set for type " + type.key(),
                    own.root().get(key).unwrapped(),
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
        return mine.problems();
    }
}
