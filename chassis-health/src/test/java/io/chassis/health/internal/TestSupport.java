package io.chassis.health.internal;

import io.chassis.config.ChassisConfig;
import io.chassis.core.health.Readiness;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Settings from real configuration and lifecycle flags tests set. */
final class TestSupport {

    private TestSupport() {}

    static ChassisConfig config(Map<String, Object> overrides) {
        return ChassisConfig.loader()
                .environment(Map.of())
                .systemProperties(new Properties())
                .overrides(overrides)
                .load();
    }

    static HealthSettings settings(Object... pathsAndValues) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            overrides.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return HealthSettings.from(config(overrides).config());
    }

    static final class Lifecycle implements Readiness {
        volatile boolean started;
        volatile boolean ready;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public boolean isStarted() {
            return started;
        }

        Lifecycle running() {
            started = true;
            ready = true;
            return this;
        }
    }
}
