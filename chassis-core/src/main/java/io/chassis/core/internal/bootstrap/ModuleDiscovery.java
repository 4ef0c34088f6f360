package io.chassis.core.internal.bootstrap;

import io.chassis.config.ConfigProblem;
import io.chassis.core.spi.ChassisModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds modules with ServiceLoader and merges them with explicitly added ones. */
final class ModuleDiscovery {

    private ModuleDiscovery() {}

    /**
     * Discovered modules come first, in classpath order; an explicit module replaces a discovered one
     * of the same name, so an application can configure a module by hand. The result is sorted by
     * {@link ChassisModule#phase()}.
     */
    static List<ChassisModule> modules(List<ChassisModule> explicit, boolean discover, List<ConfigProblem> problems) {
        Map<String, ChassisModule> byName = new LinkedHashMap<>();
        if (discover) {
            try {
                for (ChassisModule module : ServiceLoader.load(ChassisModule.class)) {
                    byName.putIfAbsent(module.name(), module);
                }
            } catch (ServiceConfigurationError e) {
                problems.add(new ConfigProblem(
                        "META-INF/services/" + ChassisModule.class.getName(),
                        "",
                        "must list loadable modules with a public no-argument constructor, but: " + e.getMessage()));
            }
        }
        List<String> explicitNames = new ArrayList<>();
        for (ChassisModule module : explicit) {
            if (explicitNames.contains(module.name())) {
                problems.add(new ConfigProblem(
                        "Chassis.builder()",
                        "",
                        "module '" + module.name()
                                + "' must be added once, but was added twice. Remove one of the .module(..) calls."));
            }
            explicitNames.add(module.name());
            byName.put(module.name(), module);
        }
        List<ChassisModule> ordered = new ArrayList<>(byName.values());
        ordered.sort(Comparator.comparing(ChassisModule::phase)); // stable: ties keep their place
        return ordered;
    }
}
