package io.chassis.config;

/**
 * One effective configuration value as reported by {@link ChassisConfig#explain()}.
 *
 * @param path the full path, for example {@code chassis.http.port}
 * @param value the value as text, or {@value ChassisConfig#MASK} when the key looks secret
 * @param layer the layer that set it: {@code reference}, {@code application}, {@code profile:<name>},
 *     {@code external}, {@code environment}, {@code system-properties} or {@code overrides}
 * @param origin where exactly it came from: a file and line, an environment variable, a property
 * @param secret whether the value was masked
 */
public record ConfigEntry(String path, String value, String layer, String origin, boolean secret) {}
