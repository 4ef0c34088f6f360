package io.chassis.core.internal.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigLoader;
import io.chassis.core.App;
import io.chassis.core.spi.ChassisModule;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An immutable snapshot of what the builder was told; assembled into a service at start.
 *
 * @param name service name from the builder, or null
 * @param version service version from the builder, or null
 * @param appClass the application class, for manifest lookups; may be null
 * @param config an injected configuration, or null to load one
 * @param loader the loader to use when {@code config} is null; null for the default loader
 * @param overrides values above every configuration layer
 * @param setups the application's {@code configure(..)} callbacks, in order
 * @param modules explicitly added modules
 * @param discover false when the builder switched discovery off
 * @param mapper an injected JSON mapper, or null for the default one
 * @param jsonCustomizers adjustments to the default JSON mapper
 * @param clock the clock
 */
public record Spec(
        String name,
        String version,
        Class<?> appClass,
        ChassisConfig config,
        ConfigLoader loader,
        Map<String, Object> overrides,
        List<Consumer<App>> setups,
        List<ChassisModule> modules,
        boolean discover,
        ObjectMapper mapper,
        List<Consumer<ObjectMapper>> jsonCustomizers,
        Clock clock) {}
