package io.chassis.health.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import java.util.ArrayList;
import java.util.List;

/** Collects setting problems in the house format, so all of them are reported together. */
final class Problems {

    private final Config config;
    private final String fallbackOrigin;
    private final List<ConfigProblem> problems = new ArrayList<>();

    Problems(Config config) {
        this(config, "reference.conf");
    }

    /** @param fallbackOrigin named for paths that have no value (missing or null) */
    Problems(Config config, String fallbackOrigin) {
        this.config = config;
        this.fallbackOrigin = fallbackOrigin;
    }

    /** Records a problem unless {@code ok}: "{path} must {rule}, but was '{value}'. {fix}". */
    Problems require(boolean ok, String path, String rule, Object value, String fix) {
        if (!ok) {
            problems.add(new ConfigProblem(origin(path), path, "must " + rule + ", but was '" + value + "'. " + fix));
        }
        return this;
    }

    /** Records the problems of a failed binding. */
    void addAll(ConfigProblemsException e) {
        problems.addAll(e.problems());
    }

    /** Records problems found elsewhere. */
    void addAll(List<ConfigProblem> found) {
        problems.addAll(found);
    }

    /** @return the problems recorded so far */
    List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    /** Throws all recorded problems at once, if any. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(List.copyOf(problems));
        }
    }

    private String origin(String path) {
        // an object merged from several layers names all of them; the entry's own origin says more
        return config.hasPath(path) && config.getValue(path).valueType() != ConfigValueType.OBJECT
                ? config.getValue(path).origin().description()
                : fallbackOrigin;
    }
}
