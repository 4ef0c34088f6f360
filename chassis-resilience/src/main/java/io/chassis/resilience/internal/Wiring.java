package io.chassis.resilience.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.http.ServerFilter;
import io.chassis.core.spi.ClientExtension;
import io.chassis.core.spi.ModuleContext;
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

    private Wiring(ModuleContext context, ResilienceSettings settings) {
        this.settings = settings;
        this.timeLimited = timeLimitedExecutor();
        this.instances = new Instances(settings, context.clock(), timeLimited, context.contextPropagation());
        instances.bindMetrics(context.metrics());
        this.decorators = new Decorators(context.config().config(), instances);
        this.clients = new ClientResilience(context.config().config(), instances);
    }

    /**
     * Binds and validates {@code chassis.resilience} and builds the registries.
     *
     * @throws io.chassis.config.ConfigProblemsException listing every problem
     */
    public static Wiring configure(ModuleContext context) {
        return new Wiring(context, ResilienceSettings.from(context.config().config()));
    }

    /** @return an extension that owns the clients' {@code resilience} key and adds nothing */
    public static ClientExtension keyOnly() {
        return new ClientExtension() {
            @Override
            public String key() {
                return "resilience";
            }

            @Override
            public Optional<io.chassis.core.spi.ClientInterceptor> interceptor(String client, String path) {
                return Optional.empty();
            }
        };
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
