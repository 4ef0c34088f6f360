package io.chassis.core.internal.metrics;

import java.util.Map;
import java.util.Optional;

/**
 * {@code chassis.metrics}.
 *
 * @param enabled whether meters are recorded and exposed
 * @param path the admin path of the Prometheus exposition
 * @param instance the common {@code instance} tag, or the host name when empty
 * @param tags extra common tags
 * @param jvm whether JVM and process meters are bound
 * @param http settings of {@code http.server.requests}
 */
public record MetricsSettings(
        boolean enabled, String path, Optional<String> instance, Map<String, String> tags, boolean jvm, Http http) {

    /** @param percentileHistogram publish histogram buckets for the request timer */
    public record Http(boolean percentileHistogram) {}

    /** Rejects a path that does not start with '/'. */
    public MetricsSettings {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("must have a path starting with '/', but was '" + path + "'");
        }
    }
}
