package io.chassis.resilience.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigRules;
import io.chassis.core.health.HealthCheck;
import io.chassis.core.http.ServerFilter;
import io.chassis.core.spi.ClientExtension;
import io.chassis.core.spi.ModuleContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the module builds from its settings; keeps the public module class small. */
public final class Wiring implements AutoCloseable {

    private final ResilienceSettings settings;
    private final Instances instances;
    private final Decorators decorators;
    private final ClientResilience clients;
    private final ExecutorService timeLimited;
    private final Config config;

    private Wiring(ModuleContext context, ResilienceSettings settings) {
        this.settings = settings;
        this.config = context.config().config();
        this.timeLimited = timeLimitedExecutor();
        this.instances = new Instances(settings, context.clock(), timeLimited, context.contextPropagation());
        instances.bindMetrics(context.metrics());
        this.decorators = new Decorators(context.config().config(), instances);
        this.clients = new ClientResilience(context.config().config(), instances);
    }

    /**
     * Binds and validates {@code chassis.resilience} and builds the registries. When the section is
     * invalid, the clients' {@code resilience} sections are still checked (their problems are
     * reported with these), and nothing is built.
     *
     * @throws io.chassis.config.ConfigProblemsException listing every problem of the section
     */
    public static Wiring configure(ModuleContext context) {
        Config config = context.config().config();
        ConfigRules problems = new ConfigRules(config);
        ResilienceSettings settings = ResilienceSettings.bind(config, problems);
        if (!problems.problems().isEmpty()) {
            context.addClientExtension(referencesOnly(config, settings));
            problems.throwIfAny();
        }
        // Remembered by the config: a reload that breaks chassis.resilience is rejected.
        context.config().read("chassis.resilience", ResilienceSettings::from);
        Wiring wiring = new Wiring(context, settings);
        context.warnAfterConfiguration(() -> wiring.unused(config));
        return wiring;
    }

    /** Owns the clients' {@code resilience} key and checks the instances it names; protects nothing. */
    private static ClientExtension referencesOnly(Config config, ResilienceSettings settings) {
        return new ClientExtension() {
            @Override
            public String key() {
                return "resilience";
            }

            @Override
            public Optional<io.chassis.core.spi.ClientInterceptor> interceptor(String client, String path) {
                settings.profile(config, path, client);
                return Optional.empty();
            }
        };
    }

    /** The configured instances that no client, profile, {@code decorate(..)} name or server section uses. */
    private List<ConfigProblem> unused(Config config) {
        Usage usage = new Usage(config, settings);
        for (String client : config.getObject("chassis.clients").keySet()) {
            String path = "chassis.clients." + ConfigUtil.joinPath(client) + ".resilience";
            usage.profile(settings.profile(config, path, client), client);
        }
        // Other transports' named clients (chassis.grpc.clients.<name>) use instances the same way.
        for (String transport : config.getObject("chassis").keySet()) {
            String clients = "chassis." + ConfigUtil.joinPath(transport) + ".clients";
            if (transport.equals("clients")
                    || !config.hasPath(clients)
                    || config.getValue(clients).valueType() != com.typesafe.config.ConfigValueType.OBJECT) {
                continue;
            }
            for (String client : config.getObject(clients).keySet()) {
                String path = clients + "." + ConfigUtil.joinPath(client) + ".resilience";
                usage.profile(settings.profile(config, path, client), client);
            }
        }
        settings.profiles().forEach((name, profile) -> usage.profile(profile, name));
        decorators
                .names()
                .forEach(name -> usage.profile(
                        settings.profile(config, ResilienceSettings.P + "profiles." + ConfigUtil.joinPath(name), name),
                        name));
        if (settings.server() != null) {
            usage.server(settings.server());
        }
        return usage.unused();
    }

    /** Time-limited attempts run here; threads start on demand and end when idle. */
    private static ExecutorService timeLimitedExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "chassis-time-limited-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return executor;
    }

    /** @return the backing of {@code Resilience.decorate} */
    public Decorators decorators() {
        return decorators;
    }

    /** @return the extension owning {@code chassis.clients.<name>.resilience} */
    public ClientExtension clients() {
        return clients;
    }

    /** @return the guard of other transports' named clients ({@code chassis.<transport>.clients.<name>.resilience}) */
    public io.chassis.core.spi.ClientGuard clientGuard() {
        Duration retryAfter = settings.server().retryAfter().isZero()
                ? Duration.ofSeconds(1)
                : settings.server().retryAfter();
        return new ClientGuards(config, instances, retryAfter);
    }

    /** @return the guard of other transports' calls, when {@code chassis.resilience.server} protects anything */
    public Optional<io.chassis.core.spi.CallGuard> callGuard() {
        return CallProtection.from(settings.server(), instances);
    }

    /** @return the server filter, when {@code chassis.resilience.server} protects anything */
    public Optional<ServerFilter> serverFilter() {
        return ServerProtection.from(settings.server(), instances);
    }

    /** @return whether breakers are reported in health */
    public boolean healthEnabled() {
        return settings.health().enabled();
    }

    /** @return the {@code circuit-breakers} check */
    public HealthCheck health() {
        return new BreakerHealth(instances.circuitBreakers(), settings.health().openState());
    }

    @Override
    public void close() {
        timeLimited.shutdownNow();
    }
}
