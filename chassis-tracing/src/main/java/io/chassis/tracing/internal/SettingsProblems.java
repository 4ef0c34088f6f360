package io.chassis.tracing.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import java.util.ArrayList;
import java.util.List;

/** Collects setting problems in the house format, so all of them are reported together. */
public final class SettingsProblems {

    private final Config config;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** @param config the configuration the values came from (for their origins) */
    public SettingsProblems(Config config) {
        this.config = config;
    }

    /**
     * Records a problem unless {@code ok}: "{path} must {rule}, but was '{value}'. {fix}".
     *
     * @return this
     */
    public SettingsProblems require(boolean ok, String path, String rule, Object value, String fix) {
        if (!ok) {
            String message = "must " + rule + ", but was '" + value + "'." + (fix.isEmpty() ? "" : " " + fix);
            problems.add(new ConfigProblem(origin(path), path, message));
        }
        return this;
    }

    /**
     * Throws all recorded problems at once, if any.
     *
     * @throws ConfigProblemsException when a problem was recorded
     */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(List.copyOf(problems));
        }
    }

    private String origin(String path) {
        return config.hasPath(path) && config.getValue(path).valueType() != ConfigValueType.OBJECT
                ? config.getValue(path).origin().description()
                : "reference.conf";
    }
}
