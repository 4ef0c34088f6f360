package io.chassis.core.internal.bootstrap;

import io.chassis.config.ChassisConfig;
import io.chassis.core.ServiceInfo;
import io.chassis.core.internal.metrics.Metrics;
import io.chassis.core.spi.ChassisModule;
import java.util.List;

/**
 * A validated, configured but not yet started service.
 *
 * @param config the loaded configuration
 * @param settings core settings
 * @param service identity
 * @param modules modules in start order
 * @param contributions what modules and the application contributed
 * @param metrics the meter registry and its binders
 */
public record Assembly(
        ChassisConfig config,
        CoreSettings settings,
        ServiceInfo service,
        List<ChassisModule> modules,
        Contributions contributions,
        Metrics metrics) {}
