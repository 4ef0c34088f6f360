package io.chassis.logging.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.chassis.core.http.HttpProblem;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code POST/PUT /loggers/{name}}: {@code {"level":"debug"}}, {@code
 * {"level":"debug","duration":"5m"}} or {@code {"level":null}} (inherit again).
 *
 * @param level the level name, or {@code null} to inherit from the parent logger
 * @param duration how long a temporary change lasts, or {@code null} for a lasting one
 */
public record LevelChange(String level, Duration duration) {

    private static final Set<String> FIELDS = Set.of("level", "duration");
    private static final String EXAMPLE = "Send {\"level\":\"debug\"}, optionally with \"duration\":\"5m\".";

    /**
     * Reads and checks a request body. The level name itself is checked when it is applied.
     *
     * @throws HttpProblem 400 naming what is wrong and how to fix it
     */
    public static LevelChange parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            String type = body == null ? "empty" : body.getNodeType().name().toLowerCase(Locale.ROOT);
            throw HttpProblem.badRequest("The body must be a JSON object, but was " + type + ". " + EXAMPLE);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw HttpProblem.badRequest(
                        "The body must have only the fields level and duration, but had '" + field + "'. " + EXAMPLE);
            }
        }
        JsonNode level = body.get("level");
        if (level == null || !(level.isTextual() || level.isNull())) {
            throw HttpProblem.badRequest("level must be a level name or null, but was '" + level
                    + "'. Use trace, debug, info, warn, error or off; null makes the logger inherit.");
        }
        Duration duration = duration(body.get("duration"));
        if (duration != null && level.isNull()) {
            throw HttpProblem.badRequest(
                    "level must be set for a temporary change, but was 'null'. Send a level with the duration.");
        }
        return new LevelChange(level.isNull() ? null : level.asText(), duration);
    }

    /** Durations read like everywhere in Chassis config ({@code 30s}, {@code 5m}) or ISO-8601. */
    private static Duration duration(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        Duration parsed = null;
        if (value.isTextual()) {
            try {
                parsed = ConfigFactory.empty()
                        .withValue("duration", ConfigValueFactory.fromAnyRef(value.asText()))
                        .getDuration("duration");
            } catch (ConfigException e) {
                parsed = iso(value.asText());
            }
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw HttpProblem.badRequest("duration must be a positive duration such as 30s, 5m or PT1H, but was '"
                    + value + "'. Leave it out for a lasting change.");
        }
        return parsed;
    }

    private static Duration iso(String text) {
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
