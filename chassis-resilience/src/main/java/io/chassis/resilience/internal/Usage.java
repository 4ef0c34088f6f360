package io.chassis.resilience.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which configured instances something uses (a client, a profile, a {@code decorate(..)} name, the
 * server section), so that an instance nothing references is reported: a typo there would
 * otherwise leave a client unprotected without a word.
 */
final class Usage {

    private final Config config;
    private final ResilienceSettings settings;
    private final Set<String> used = new HashSet<>();

    Usage(Config config, ResilienceSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    /** Records the instances of one client or profile. */
    void profile(ProfileSettings profile, String ownName) {
        use("circuit-breaker", profile.circuitBreaker(), ownName);
        use("retry", profile.retry(), ownName);
        use("rate-limiter", profile.rateLimiter(), ownName);
        use("bulkhead", profile.bulkhead(), ownName);
        use("time-limiter", profile.timeLimiter(), ownName);
    }

    /** Records the instances of the server section. */
    void server(ServerSettings server) {
        use("rate-limiter", server.rateLimiter(), null);
        use("bulkhead", server.bulkhead(), null);
        for (ServerSettings.Route route : server.routes()) {
            route.rateLimiter().ifPresent(v -> use("rate-limiter", v, null));
            route.bulkhead().ifPresent(v -> use("bulkhead", v, null));
        }
        for (ServerSettings.Operation entry : server.operations()) {
            entry.rateLimiter().ifPresent(v -> use("rate-limiter", v, null));
            entry.bulkhead().ifPresent(v -> use("bulkhead", v, null));
        }
    }

    private void use(String section, String value, String ownName) {
        String name = ProfileSettings.resolve(value, ownName);
        if (name != null) {
            used.add(section + "." + name);
        }
    }

    /** @return one warning per configured instance that nothing recorded uses */
    List<ConfigProblem> unused() {
        ConfigRules origins = new ConfigRules(config);
        List<ConfigProblem> warnings = new ArrayList<>();
        for (ResilienceSettings.Kind<?> kind : settings.kinds()) {
            for (String name : new TreeSet<>(kind.configured())) {
                if (!used.contains(kind.section() + "." + name)) {
                    String path = ResilienceSettings.P + kind.section() + "." + ConfigUtil.joinPath(name);
                    warnings.add(new ConfigProblem(
                            origins.originOf(path),
                            path,
                            "is configured, but no client, profile, decorate(..) call or server section uses it."
                                    + " Name it, e.g. chassis.clients." + name + ".resilience." + kind.section()
                                    + " = " + name + ", or remove it."));
                }
            }
        }
        return warnings;
    }
}
