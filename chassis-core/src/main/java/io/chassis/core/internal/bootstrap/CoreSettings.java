package io.chassis.core.internal.bootstrap;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.internal.metrics.MetricsSettings;
import io.chassis.core.internal.server.AdminSettings;
import io.chassis.core.internal.server.HttpSettings;
import io.chassis.core.internal.server.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every setting chassis-core owns, bound and validated at startup.
 *
 * @param service {@code chassis.service}
 * @param discovery {@code chassis.modules.discovery}
 * @param json {@code chassis.json}
 * @param http {@code chassis.http}
 * @param admin {@code chassis.admin}
 * @param shutdown {@code chassis.shutdown}
 * @param metrics {@code chassis.metrics}
 */
public record CoreSettings(
        Service service,
        boolean discovery,
        Json json,
        HttpSettings http,
        AdminSettings admin,
        ShutdownSettings shutdown,
        MetricsSettings metrics) {

    /**
     * @param name the service name, if configured
     * @param version the service version, if configured
     */
    public record Service(Optional<String> name, Optional<String> version) {}

    /** @param failOnUnknownProperties reject unknown JSON properties in request bodies */
    public record Json(boolean failOnUnknownProperties) {}

    /**
     * Binds every section, collecting the problems of all of them.
     *
     * @param config the resolved configuration
     * @return the settings
     * @throws ConfigProblemsException listing every problem found
     */
    public static CoreSettings from(Config config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Service service = section(problems, () -> ConfigBinder.bind(config, "chassis.service", Service.class));
        Boolean discovery = section(problems, () -> config.getBoolean("chassis.modules.discovery"));
        Json json = section(problems, () -> ConfigBinder.bind(config, "chassis.json", Json.class));
        HttpSettings http = section(problems, () -> HttpSettings.from(config, VirtualThreads.available()));
        AdminSettings admin = section(problems, () -> AdminSettings.from(config));
        ShutdownSettings shutdown = section(problems, () -> ShutdownSettings.from(config));
        MetricsSettings metrics =
                section(problems, () -> ConfigBinder.bind(config, "chassis.metrics", MetricsSettings.class));
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        return new CoreSettings(service, discovery, json, http, admin, shutdown, metrics);
    }

    private static <T> T section(List<ConfigProblem> problems, Supplier<T> binder) {
        try {
            return binder.get();
        } catch (ConfigProblemsException e) {
            problems.addAll(e.problems());
            return null;
        } catch (com.typesafe.config.ConfigException e) {
            String origin = e.origin() == null ? "reference.conf" : e.origin().description();
            problems.add(new ConfigProblem(origin, "chassis", e.getMessage()));
            return null;
        }
    }
}
