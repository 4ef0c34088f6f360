package io.chassis.logging;

/**
 * The level state of one logger, as reported by {@link LogLevels}.
 *
 * @param name logger name; {@code ROOT} for the root logger
 * @param configuredLevel level set on this logger itself (upper case), or {@code null} if it
 *     inherits
 * @param effectiveLevel level actually in force (upper case), inherited if not configured
 * @param temporary whether the configured level reverts automatically later
 */
public record LoggerLevel(String name, String configuredLevel, String effectiveLevel, boolean temporary) {}
