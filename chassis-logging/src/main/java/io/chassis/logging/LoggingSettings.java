package io.chassis.logging;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.logging.internal.LevelNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated {@code chassis.logging} section. Defaults live in this module's
 * {@code reference.conf}.
 *
 * @param format {@code json} or {@code text}
 * @param rootLevel level of the root logger unless {@code levels} names {@code ROOT}
 * @param levels level per logger name (user-named entries; {@code ROOT} is the root logger)
 * @param async the non-blocking queue in front of stdout
 * @param includeCallerData whether to capture class/method/line of the logging call (costly)
 * @param shutdownHook whether a JVM shutdown hook flushes the queue and stops logging
 */
public record LoggingSettings(
        LogFormat format,
        String rootLevel,
        Map<String, String> levels,
        Async async,
        boolean includeCallerData,
        boolean shutdownHook) {

    /** The config path of this section. */
    public static final String PATH = "chassis.logging";

    /**
     * The async queue settings.
     *
     * @param queueSize events accepted but not yet written; more are dropped and counted
     * @param maxFlushTime how long stopping may take to write what is still queued
     */
    public record Async(int queueSize, Duration maxFlushTime) {}

    /** Copies {@code levels} so the record is immutable. */
    public LoggingSettings {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    /**
     * Binds and validates {@code chassis.logging} from a resolved config.
     *
     * @throws ConfigProblemsException listing every invalid value
     */
    public static LoggingSettings from(Config config) {
        LoggingSettings settings = ConfigBinder.bind(config, PATH, LoggingSettings.class);
        List<ConfigProblem> problems = new ArrayList<>();
        checkLevel(config, PATH + ".root-level", settings.rootLevel(), problems);
        settings.levels().forEach((logger, level) -> checkLevel(config, levelPath(logger), level, problems));
        if (settings.async().queueSize() < 1) {
            problems.add(problem(config, PATH + ".async.queue-size", "must be at least 1, but was '"
                    + settings.async().queueSize() + "'. Use a queue size such as 8192."));
        }
        if (settings.async().maxFlushTime().isNegative()) {
            problems.add(problem(config, PATH + ".async.max-flush-time", "must not be negative, but was '"
                    + settings.async().maxFlushTime() + "'. Use a duration such as 2s."));
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        return settings;
    }

    /**
     * The level for every configured logger, {@code ROOT} first, names as given.
     *
     * @return logger name to upper-case level name
     */
    public Map<String, String> effectiveLevels() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("ROOT", rootLevel.trim().toUpperCase(java.util.Locale.ROOT));
        levels.forEach((logger, level) -> all.put(
                logger.equalsIgnoreCase("ROOT") ? "ROOT" : logger, level.trim().toUpperCase(java.util.Locale.ROOT)));
        return Collections.unmodifiableMap(all);
    }

    private static void checkLevel(Config config, String path, String level, List<ConfigProblem> problems) {
        if (LevelNames.parseOrNull(level) == null) {
            problems.add(problem(config, path, "must be one of " + LevelNames.ACCEPTED + ", but was '" + level
                    + "'. Use one of those level names."));
        }
    }

    private static String levelPath(String logger) {
        return PATH + ".levels.\"" + logger + "\"";
    }

    private static ConfigProblem problem(Config config, String path, String message) {
        String origin = config.hasPath(path) ? config.getValue(path).origin().description() : "";
        return new ConfigProblem(origin, path, message);
    }
}
