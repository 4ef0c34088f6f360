package io.chassis.logging.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.core.http.Context;
import io.chassis.core.http.HttpProblem;
import io.chassis.core.http.Routes;
import io.chassis.logging.LogLevels;
import io.chassis.logging.LoggerLevel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin {@code /loggers} routes.
 *
 * <ul>
 *   <li>{@code GET /loggers}: the accepted level names and every logger with a level of its own.
 *   <li>{@code GET /loggers/{name}}: one logger; a logger not created yet reports the level it would
 *       inherit ({@code ROOT} is the root logger).
 *   <li>{@code POST} or {@code PUT /loggers/{name}} with {@link LevelChange}: changes the level and
 *       answers with the new state. Every change is logged at INFO.
 * </ul>
 *
 * Bad names, levels, bodies and durations are answered with 400 problem responses.
 */
public final class LoggersEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(LoggersEndpoint.class);

    private final LogLevels levels;

    private LoggersEndpoint(LogLevels levels) {
        this.levels = levels;
    }

    /** Adds the routes to {@code admin}; they read and change {@code levels}. */
    public static void register(Routes admin, LogLevels levels) {
        LoggersEndpoint endpoint = new LoggersEndpoint(levels);
        admin.get("/loggers", ctx -> endpoint.all());
        admin.get("/loggers/{name}", endpoint::one);
        admin.post("/loggers/{name}", endpoint::change);
        admin.put("/loggers/{name}", endpoint::change);
    }

    private Map<String, Object> all() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "levels",
                LevelNames.ACCEPTED.stream()
                        .map(l -> l.toUpperCase(Locale.ROOT))
                        .toList());
        out.put("loggers", levels.configured());
        return out;
    }

    private LoggerLevel one(Context ctx) {
        String name = ctx.pathParam("name");
        return checked(() -> levels.levelOf(name));
    }

    private LoggerLevel change(Context ctx) {
        String name = ctx.pathParam("name");
        LevelChange change = LevelChange.parse(ctx.body(JsonNode.class));
        String before = checked(() -> levels.levelOf(name)).configuredLevel();
        LoggerLevel after = checked(() -> change.duration() == null
                ? levels.set(name, change.level())
                : levels.setFor(name, change.level(), change.duration()));
        LOG.atInfo()
                .addKeyValue("logger_name", after.name())
                .addKeyValue("old_level", before)
                .addKeyValue("new_level", after.configuredLevel())
                .addKeyValue(
                        "duration",
                        change.duration() == null ? null : change.duration().toString())
                .log(
                        "Level of logger {} changed from {} to {}{}",
                        after.name(),
                        before == null ? "inherited" : before,
                        after.configuredLevel() == null
                                ? "inherited (" + after.effectiveLevel() + ")"
                                : after.configuredLevel(),
                        change.duration() == null ? "" : " for " + change.duration());
        return after;
    }

    /** Runs a {@link LogLevels} call, answering its argument errors with 400. */
    private static LoggerLevel checked(Supplier<LoggerLevel> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }
}
