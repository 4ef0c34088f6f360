package io.chassis.logging.internal;

import com.typesafe.config.Config;
import java.util.List;

/**
 * Who is logging: written into every JSON line. Each part may be {@code null} when not configured.
 *
 * @param name {@code chassis.service.name}
 * @param version {@code chassis.service.version}
 * @param profile the active profiles, comma separated, or {@code null} when none is active
 */
public record ServiceIdentity(String name, String version, String profile) {

    static final String NAME_KEY = "chassis.service.name";
    static final String VERSION_KEY = "chassis.service.version";

    /** An identity with nothing known, used when the config could not be loaded. */
    public static final ServiceIdentity UNKNOWN = new ServiceIdentity(null, null, null);

    /** Reads name and version from {@code config}; absent or null keys stay {@code null}. */
    public static ServiceIdentity from(Config config, List<String> profiles) {
        String profile = profiles == null || profiles.isEmpty() ? null : String.join(",", profiles);
        return new ServiceIdentity(optional(config, NAME_KEY), optional(config, VERSION_KEY), profile);
    }

    /**
     * Replaces name and version with the ones the service resolved (config, builder or jar
     * manifest); a {@code null} argument keeps the current value.
     */
    public ServiceIdentity withNameAndVersion(String serviceName, String serviceVersion) {
        return new ServiceIdentity(
                serviceName != null ? serviceName : name, serviceVersion != null ? serviceVersion : version, profile);
    }

    private static String optional(Config config, String path) {
        return config.hasPath(path) ? config.getString(path) : null;
    }
}
