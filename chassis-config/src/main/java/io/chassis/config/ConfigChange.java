package io.chassis.config;

import java.util.Set;

/**
 * A configuration change that passed validation.
 *
 * @param previous the configuration before the change
 * @param current the configuration now in force
 * @param changedPaths every leaf path that was added, removed or given another value
 */
public record ConfigChange(ChassisConfig previous, ChassisConfig current, Set<String> changedPaths) {

    /** Creates a change; the path set is copied. */
    public ConfigChange {
        changedPaths = Set.copyOf(changedPaths);
    }

    /** Returns whether {@code path} or anything below it changed. */
    public boolean affects(String path) {
        for (String changed : changedPaths) {
            if (changed.equals(path) || changed.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }
}
