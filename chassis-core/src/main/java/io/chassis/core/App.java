package io.chassis.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.core.client.Clients;
import io.chassis.core.health.Health;
import io.chassis.core.http.AdminRoutes;
import io.chassis.core.http.Http;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What a service author wires in {@code Chassis.builder().configure(app -> ...)}, grouped by concern.
 * Modules see the same object (their {@link io.chassis.core.spi.ModuleContext} extends it).
 *
 * <pre>{@code
 * Chassis.builder().name("orders").configure(app -> {
 *     OrderSettings settings = app.config().bind("orders", OrderSettings.class);
 *     Orders orders = new Orders(settings, app.clients().http("payments"), app.metrics());
 *     app.http().get("/orders/{id}", ctx -> orders.find(ctx.pathParam("id")));
 *     app.health().add("payments", orders::ping);
 * });
 * }</pre>
 *
 * <p>Feature modules add their own groups as extensions, e.g. {@code app.extension(Resilience.class)};
 * core does not know them.
 */
public interface App {

    /**
     * @return the configuration; {@code bind(..)} sections to records here. Every section bound is
     *     bound again on a reload, which is rejected unless it binds; after a valid reload this object
     *     answers from the new configuration (records bound earlier keep their values: read again in
     *     {@code lifecycle().onConfigChange(..)} to follow a change)
     */
    ChassisConfig config();

    /** @return name, version and build information of the service */
    ServiceInfo service();

    /** @return the application listener's routes and filters ({@code chassis.http.port}) */
    Http http();

    /**
     * @return routes on the admin listener ({@code chassis.admin.port}), next to {@code /info}:
     *     protected unless added through {@link AdminRoutes#open()} (see docs/security.md)
     */
    AdminRoutes admin();

    /** @return health checks and the readiness flag */
    Health health();

    /** @return the named outgoing clients configured under {@code chassis.clients.<name>} */
    Clients clients();

    /**
     * @return the Micrometer registry served on admin {@code /metrics} (common tags service,
     *     instance and profile; records nothing when {@code chassis.metrics.enabled} is false)
     */
    MeterRegistry metrics();

    /** @return the one JSON mapper used for bodies and admin output */
    ObjectMapper json();

    /** @return the clock to use for anything time-dependent */
    Clock clock();

    /** @return start, stop and configuration-change callbacks */
    Lifecycle lifecycle();

    /**
     * @return carries the request id, trace ids and active span to threads that continue a
     *     request's work: {@code app.contextPropagation().wrap(executor)}
     */
    ContextPropagation contextPropagation();

    /**
     * Returns the API a feature module offers, e.g. {@code app.extension(Resilience.class)}.
     *
     * @param type the extension's type
     * @param <T> the type
     * @return the extension
     * @throws IllegalStateException when no module of the service provides {@code type}; the
     *     message names the module to add when the type says which
     */
    <T> T extension(Class<T> type);
}
