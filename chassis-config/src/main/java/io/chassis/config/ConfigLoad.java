package io.chassis.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.internal.Origins;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ConfigLoader#loadCollecting()} found: the configuration assembled from every source that
 * could be read, and the problems of loading. A source that cannot be parsed contributes nothing, so
 * the rest can still be checked and every file's problems reported in one round.
 *
 * @param config the configuration; empty when the sources cannot be resolved into one (for example
 *     an unset substitution)
 * @param problems every problem of loading, in the order found; empty when everything loaded
 */
public record ConfigLoad(Optional<ChassisConfig> config, List<ConfigProblem> problems) {

    /** Creates the outcome; the problem list is copied. */
    public ConfigLoad {
        Objects.requireNonNull(config, "config");
        problems = List.copyOf(problems);
    }

    /** @return whether everything loaded without a problem */
    public boolean complete() {
        return problems.isEmpty() && config.isPresent();
    }

    /**
     * Returns the configuration when everything loaded.
     *
     * @throws ConfigProblemsException listing the problems of loading otherwise
     */
    public ChassisConfig orThrow() {
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        return config.orElseThrow();
    }

    /**
     * Of the problems found later by checking this configuration (binding its sections), keeps those
     * that do not depend on what failed to load: all of them after a complete load; otherwise only
     * problems about a value that is set. A value reported missing, or a problem about no value in
     * particular, may be caused by the source that could not be read, and is reported once that is fixed.
     *
     * @param found problems found by checking {@link #config()}
     * @return the problems to report together with {@link #problems()}
     */
    public List<ConfigProblem> dependable(List<ConfigProblem> found) {
        if (complete()) {
            return List.copyOf(found);
        }
        if (config.isEmpty()) {
            return List.of();
        }
        return found.stream().filter(problem -> isSet(problem.path())).toList();
    }

    private boolean isSet(String path) {
        if (path.isEmpty()) {
            return false;
        }
        ConfigValue value = Origins.find(config.get().config().root(), path);
        return value != null && value.valueType() != ConfigValueType.NULL;
    }
}
