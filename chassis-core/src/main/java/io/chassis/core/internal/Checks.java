package io.chassis.core.internal;

import com.typesafe.config.Config;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import java.util.ArrayList;
import java.util.List;

/** Collects setting problems in the house format, so all of them are reported together. */
public final class Checks {

    private final Config config;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public Checks(Config config) {
        this.config = config;
    }

    /** Records a problem unless {@code ok}: "{path} must {rule}, but was '{value}'. {fix}". */
    public Checks require(boolean ok, String path, String rule, Object value, String fix) {
        if (!ok) {
            problems.add(new ConfigProblem(origin(path), path, "must " + rule + ", but was '" + value + "'. " + fix));
        }
        return this;
    }

    /** Throws all recorded problems at once, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(List.copyOf(problems));
        }
    }

    private String origin(String path) {
        return config.hasPathOrNull(path) ? config.getValue(path).origin().description() : "reference.conf";
    }
}
