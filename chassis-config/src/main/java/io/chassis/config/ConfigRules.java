package io.chassis.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import io.chassis.config.internal.Masking;
import io.chassis.config.internal.Origins;
import io.chassis.config.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the problems of settings, so that all of them are reported at once, each in the house
 * format {@code <origin>: <path> must <rule>, but was '<value>'. <fix>} with the file and line that
 * set the value.
 *
 * <pre>{@code
 * HttpSettings s = ConfigBinder.bind(config, "chassis.http", HttpSettings.class);
 * new ConfigRules(config)
 *         .require(s.port() >= 0 && s.port() <= 65535, "chassis.http.port", "be between 0 and 65535",
 *                 s.port(), "Use 0 for a free port.")
 *         .throwIfAny();
 * }</pre>
 *
 * <p>The origin named is the value's own (file and line, environment variable, ...). A missing or
 * null value, or an object (which several layers may have merged), is named by the nearest enclosing
 * object that comes from one place with a line number, else by the fallback given to the
 * constructor, else by the origin the configuration gives. Values at secret paths (see {@link
 * ChassisConfig#isSecret}) and values read from secret files are shown as {@link ChassisConfig#MASK}.
 *
 * <p>Inside a settings record's compact constructor, use {@link #check} instead: the binder reports
 * what it throws the same way, at the key's own origin.
 *
 * <p>Not thread-safe; use one per validation.
 */
public final class ConfigRules {

    private final Config config;
    private final ConfigOrigin fallback;
    private final Masking masking;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /**
     * @param config the configuration the values came from, for their origins and the masking rules
     */
    public ConfigRules(Config config) {
        this(config, null);
    }

    /**
     * @param config the configuration the values came from, for their origins and the masking rules
     * @param fallback named for a missing, null or object value that has no single located origin, e.g.
     *     the origin of the entry being validated when {@code config} merges it with defaults; null for none
     */
    public ConfigRules(Config config, ConfigOrigin fallback) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.fallback = fallback;
        this.masking = Masking.from(config);
    }

    /**
     * Within a settings record's compact constructor: throws unless {@code ok}. The binder reports the
     * violation at the record's path plus {@code key}, with the origin of that key's value.
     *
     * @param ok whether the rule holds
     * @param key the key relative to the record, as written in configuration; dotted for a nested one
     * @param rule what the value must do, starting with a verb ({@code be at least 1})
     * @param value the value found
     * @param fix how to fix it ({@code Use e.g. 3.}); empty for none
     * @throws ConfigRuleException unless {@code ok}
     */
    public static void check(boolean ok, String key, String rule, Object value, String fix) {
        if (!ok) {
            throw new ConfigRuleException(key, rule, value, fix);
        }
    }

    /**
     * Records a problem unless {@code ok}: {@code <origin>: <path> must <rule>, but was '<value>'. <fix>}.
     *
     * @param ok whether the rule holds
     * @param path the full path of the value
     * @param rule what the value must do, starting with a verb ({@code be positive})
     * @param value the value found (masked when the path is secret)
     * @param fix how to fix it ({@code Use e.g. 2s.}); empty for none
     * @return this
     */
    public ConfigRules require(boolean ok, String path, String rule, Object value, String fix) {
        if (!ok) {
            ConfigValue found = Origins.find(config.root(), path);
            String shown = masking.hides(path, found) ? Masking.MASK : String.valueOf(value);
            problems.add(new ConfigProblem(originOf(path), path, Problems.broken(rule, shown, fix)));
        }
        return this;
    }

    /**
     * Records a problem found some other way.
     *
     * @return this
     */
    public ConfigRules add(ConfigProblem problem) {
        problems.add(java.util.Objects.requireNonNull(problem, "problem"));
        return this;
    }

    /**
     * Records every problem of a failed binding or validation.
     *
     * @return this
     */
    public ConfigRules addAll(ConfigProblemsException e) {
        problems.addAll(e.problems());
        return this;
    }

    /**
     * Records problems found elsewhere.
     *
     * @return this
     */
    public ConfigRules addAll(List<ConfigProblem> found) {
        problems.addAll(found);
        return this;
    }

    /**
     * Runs a binding or a validation of its own and records its problems instead of throwing them,
     * so the caller can go on and report everything at once.
     *
     * <pre>{@code
     * Health health = rules.collect(() -> ConfigBinder.bind(config, "chassis.x.health", Health.class));
     * }</pre>
     *
     * @param step throws {@link ConfigProblemsException}, or a typesafe {@link ConfigException} (recorded
     *     at its origin as {@code has an error: <message>})
     * @return what {@code step} returned; null when it threw
     */
    public <T> T collect(Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigProblemsException e) {
            problems.addAll(e.problems());
        } catch (ConfigException e) {
            ConfigProblem problem = Problems.of(e, "");
            problems.add(
                    problem.origin().isEmpty()
                            ? new ConfigProblem(originOf(""), problem.path(), problem.message())
                            : problem);
        }
        return null;
    }

    /**
     * The origin a problem about {@code path} names (see the class description), for problems that do
     * not fit {@link #require}.
     *
     * @param path the full path; list items as {@code routes[0]}
     * @return the origin's description; empty when unknown
     */
    public String originOf(String path) {
        return Origins.of(config.root(), path, fallback);
    }

    /** @return the problems recorded so far, in order */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /**
     * Throws every recorded problem at once, if any.
     *
     * @throws ConfigProblemsException when a problem was recorded
     */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
    }
}
