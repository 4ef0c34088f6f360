package io.chassis.core.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigChangeListener;
import io.chassis.core.ServiceInfo;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.http.Routes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link ChassisModule} gets during {@link ChassisModule#configure}: the configuration,
 * shared services, and the contribution points.
 *
 * <p>The contribution lists ({@link #healthContributions()}, {@link #clientInterceptors()}) are
 * live, read-only views: they are complete once every module has been configured, i.e. from
 * {@link ChassisModule#start()} on. Meters are registered directly on {@link #meterRegistry()}.
 */
public interface ModuleContext {

    /** @return the loaded configuration of the service */
    ChassisConfig config();

    /** @return name, version and build information of the service */
    ServiceInfo service();

    /** @return the one JSON mapper the service uses for bodies and admin output */
    ObjectMapper objectMapper();

    /** @return the clock to use for anything time-dependent */
    Clock clock();

    /**
     * @return the service's Micrometer registry (Prometheus-backed, with common tags service,
     *     instance and profile; records nothing when {@code chassis.metrics.enabled} is false)
     */
    MeterRegistry meterRegistry();

    /**
     * Asks to be told about configuration changes. Changes happen only when {@code
     * chassis.config.reload.enabled} is true and an external or secret file changed into a valid
     * configuration; settings already bound (ports, limits) are not re-applied by themselves.
     *
     * @param listener called on the reload thread with the changed paths
     */
    void onConfigChange(ConfigChangeListener listener);

    /** @return the lifecycle flags: started once start() finished, ready until shutdown begins */
    Readiness readiness();

    /** @return the application routes (served on {@code chassis.http.port}) */
    Routes routes();

    /** @return the admin routes (served on {@code chassis.admin.port}), e.g. {@code /health} */
    Routes adminRoutes();

    /**
     * Adds a filter around every application request, after those added before it.
     *
     * @param filter the filter
     */
    void addServerFilter(ServerFilter filter);

    /**
     * Adds an interceptor for outgoing HTTP client calls.
     *
     * @param interceptor the interceptor
     */
    void addClientInterceptor(ClientInterceptor interceptor);

    /**
     * Adds a named health check; the health module runs and serves it.
     *
     * @param contribution the check with its name, kinds and criticality
     * @throws IllegalArgumentException if a check with the same name was already added
     */
    void addHealthContribution(HealthContribution contribution);

    /** @return the client interceptors contributed so far, in order */
    List<ClientInterceptor> clientInterceptors();

    /** @return the health checks contributed so far, in order */
    List<HealthContribution> healthContributions();

    /**
     * Returns the named HTTP client configured under {@code chassis.clients.<name>}. It can be kept
     * and used from {@link ChassisModule#start()} on (handlers run later still); its settings and
     * interceptor chain are fixed once every module has been configured.
     *
     * @param name the client's name, e.g. {@code payments}
     * @return the client; the same instance for the same name
     * @throws IllegalArgumentException when {@code chassis.clients.<name>} is not configured
     */
    ChassisHttpClient httpClient(String name);

    /**
     * Lets a module own a key of every named client's configuration and add a per-client
     * interceptor from it (see {@link ClientExtension}).
     *
     * @param extension the extension
     * @throws IllegalArgumentException when another extension already owns the same key
     */
    void addClientExtension(ClientExtension extension);

    /**
     * Adds a propagator that carries part of a thread's context (e.g. the active span) to threads
     * that continue its work; see {@link ContextPropagation}.
     *
     * @param propagator the propagator, applied after core's MDC propagator and those added before
     * @throws NullPointerException when {@code propagator} is null
     */
    void addContextPropagator(ContextPropagator propagator);

    /**
     * @return every context propagator of the service together (core's MDC first), to wrap work
     *     handed to another thread; a live instance, complete once every module is configured
     */
    ContextPropagation contextPropagation();

    /**
     * Finds a module of the service by type, e.g. to use the API a feature module offers.
     *
     * @param type the module's class
     * @param <T> the type
     * @return the module, or empty when the service has none of that type
     */
    <T> Optional<T> module(Class<T> type);
}
