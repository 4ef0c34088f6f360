package io.chassis.logging.internal;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Locale;

/**
 * Strict level-name parsing. Logback's {@code Level.toLevel} silently turns a typo into DEBUG; here
 * an unknown name is an error.
 */
public final class LevelNames {

    /** The accepted names, lower case, in severity order. */
    public static final List<String> ACCEPTED = List.of("trace", "debug", "info", "warn", "error", "off");

    private LevelNames() {}

    /** Returns the level named {@code name} (any case), or {@code null} if it is not a level name. */
    public static Level parseOrNull(String name) {
        if (name == null) {
            return null;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return ACCEPTED.contains(wanted) ? Level.toLevel(wanted) : null;
    }

    /**
     * Returns the level named {@code name} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values if {@code name} is not a level
     */
    public static Level parse(String name) {
        Level level = parseOrNull(name);
        if (level == null) {
            throw new IllegalArgumentException("level must be one of " + ACCEPTED + ", but was '" + name
                    + "'. Use one of those names (any case).");
        }
        return level;
    }
}
