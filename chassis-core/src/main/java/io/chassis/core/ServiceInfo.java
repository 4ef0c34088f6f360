package io.chassis.core;

import java.util.Optional;

/**
 * Identity of the running service.
 *
 * @param name from {@code chassis.service.name}, or the builder
 * @param version from {@code chassis.service.version}, the builder, or the jar manifest's {@code
 *     Implementation-Version}; {@code unknown} when none has one
 * @param gitCommit the commit from {@code git.properties} or the manifest entry {@code Git-Commit},
 *     when present
 */
public record ServiceInfo(String name, String version, Optional<String> gitCommit) {}
