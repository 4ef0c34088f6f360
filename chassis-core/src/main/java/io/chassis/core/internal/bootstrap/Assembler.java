package io.chassis.core.internal.bootstrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigLoad;
import io.chassis.config.ConfigLoader;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.App;
import io.chassis.core.ServiceInfo;
import io.chassis.core.internal.admin.AdminAccess;
import io.chassis.core.internal.admin.AdminEndpoints;
import io.chassis.core.internal.metrics.Metrics;
import io.chassis.core.internal.security.AccessRules;
import io.chassis.core.spi.ChassisModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a {@link Spec} into an {@link Assembly}: loads configuration, binds every setting and lets
 * every module configure itself, collecting all problems before failing.
 */
public final class Assembler {

    private Assembler() {}

    /**
     * Validates and configures everything without opening ports or starting modules.
     *
     * @param spec what the builder was told
     * @param readiness the readiness flag modules will see
     * @return the assembly
     * @throws ConfigProblemsException listing every problem of configuration, routes and modules
     */
    public static Assembly assemble(Spec spec, ReadinessState readiness) {
        ConfigLoad load = spec.config() != null
                ? new ConfigLoad(Optional.of(spec.config()), List.of())
                : loader(spec).loadCollecting();
        if (load.config().isEmpty()) {
            throw new ConfigProblemsException(load.problems()); // nothing else can be checked without it
        }
        // A file that could not be read adds nothing; the rest is checked, so that the problems of
        // every other file are reported in the same round.
        ChassisConfig config = load.config().get();
        List<ConfigProblem> problems = new ArrayList<>();
        CoreSettings settings = null;
        try {
            settings = config.read("chassis", CoreSettings::from); // read again on every reload
        } catch (ConfigProblemsException e) {
            problems.addAll(e.problems());
        }
        ServiceInfo service = identity(spec, settings == null ? serviceSection(config) : settings.service(), problems);
        ObjectMapper mapper = mapper(spec, settings);
        Metrics metrics = Metrics.create(settings == null ? null : settings.metrics(), service, config.profiles());
        Contributions contributions =
                new Contributions(config, service, mapper, spec.clock(), readiness, metrics.registry());
        AdminEndpoints.register(contributions, spec.clock().instant(), metrics, settings);
        contributions.accessRules(AccessRules.from(config.config(), contributions.authenticators(), problems));
        if (settings != null) {
            serverTls(contributions, settings.http().tls(), "chassis.http.tls", "http", problems);
            if (settings.admin().enabled()) {
                serverTls(contributions, settings.admin().tls(), "chassis.admin.tls", "admin", problems);
            }
        }
        // Once every module and the application bound their sections: a DB_PASSWORD that reaches none.
        contributions.warnAfterConfiguration(config::unusedSecretVariables);
        boolean discover = spec.discover() && (settings == null || settings.discovery());
        List<ChassisModule> modules = ModuleDiscovery.modules(spec.modules(), discover, problems);
        for (ChassisModule module : modules) {
            try {
                module.configure(contributions);
            } catch (ConfigProblemsException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(
                        "module '" + module.name() + "'",
                        "",
                        "failed to configure: " + ApplicationProblems.message(e)));
            }
        }
        contributions.applicationPhase();
        for (Consumer<App> setup : spec.setups()) {
            ApplicationProblems.run(setup, contributions, problems);
        }
        contributions.runDeferredChecks(problems);
        if (settings != null) { // every admin route is known now, the gateway's included
            problems.addAll(
                    AdminAccess.unknownEndpoints(config.config(), settings.admin(), contributions.adminRoutes()));
        }
        // Last: the gateway's routes and the gRPC methods were resolved by the checks above.
        contributions.resolveRoutePolicies();
        problems.addAll(contributions.accessControl().problems());
        contributions.clientRegistry().install(contributions.clientInterceptors(), problems);
        if (!load.complete() || !problems.isEmpty()) {
            metrics.close();
            List<ConfigProblem> all = new ArrayList<>(load.problems());
            all.addAll(load.dependable(problems));
            throw new ConfigProblemsException(all);
        }
        contributions.runDeferredWarnings();
        return new Assembly(config, settings, service, List.copyOf(modules), contributions, metrics);
    }

    /** Core's own listeners' TLS material: bound already, loaded and watched from here on. */
    private static void serverTls(
            Contributions contributions,
            io.chassis.core.internal.tls.ServerTlsSettings tls,
            String path,
            String listener,
            List<ConfigProblem> problems) {
        try {
            contributions.tls().server(tls, path, listener);
        } catch (RuntimeException e) { // a file changed between validation and loading
            problems.add(new ConfigProblem("", path, "must name usable TLS material, but " + e.getMessage()));
        }
    }

    /**
     * Loads the configuration only, for the {@code config} command.
     *
     * @param spec what the builder was told
     * @return the configuration
     * @throws ConfigProblemsException when it cannot be loaded
     */
    public static ChassisConfig loadConfig(Spec spec) {
        if (spec.config() != null) {
            return spec.config();
        }
        return loader(spec).load();
    }

    private static ConfigLoader loader(Spec spec) {
        ConfigLoader loader = spec.loader() != null ? spec.loader() : ChassisConfig.loader();
        return loader.overrides(spec.overrides());
    }

    /**
     * {@code chassis.service} on its own, for when another core section failed to bind: that failure
     * is reported already and must not also make the service's name look unset.
     *
     * @return the section, or null when it is broken itself (its problems are reported already)
     */
    private static CoreSettings.Service serviceSection(ChassisConfig config) {
        try {
            return ConfigBinder.bind(config.config(), "chassis.service", CoreSettings.Service.class);
        } catch (ConfigProblemsException | com.typesafe.config.ConfigException e) {
            return null;
        }
    }

    /**
     * @param configured {@code chassis.service}; null when it could not be bound (already reported)
     */
    private static ServiceInfo identity(Spec spec, CoreSettings.Service configured, List<ConfigProblem> problems) {
        String name = configured != null && configured.name().isPresent()
                ? configured.name().get()
                : spec.name();
        if (configured != null && (name == null || name.isBlank())) {
            problems.add(
                    new ConfigProblem(
                            "reference.conf",
                            "chassis.service.name",
                            "must be set, but was 'null'. Set chassis.service.name in application.yaml or call Chassis.builder().name(..)."));
        }
        String version = configured != null && configured.version().isPresent()
                ? configured.version().get()
                : spec.version();
        if (version == null) {
            version = BuildInfo.implementationVersion(spec.appClass()).orElse("unknown");
        }
        ClassLoader loader =
                spec.appClass() != null ? spec.appClass().getClassLoader() : Assembler.class.getClassLoader();
        return new ServiceInfo(name, version, BuildInfo.gitCommit(spec.appClass(), loader));
    }

    private static ObjectMapper mapper(Spec spec, CoreSettings settings) {
        if (spec.mapper() != null) {
            return spec.mapper();
        }
        boolean failOnUnknown = settings != null && settings.json().failOnUnknownProperties();
        ObjectMapper mapper = JsonMapper.builder()
                .findAndAddModules()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknown)
                .build();
        spec.jsonCustomizers().forEach(c -> c.accept(mapper));
        return mapper;
    }
}
