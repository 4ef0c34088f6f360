package io.chassis.core.internal.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.http.ServerFilter;
import io.chassis.core.internal.metrics.MetricsSettings;
import io.chassis.core.internal.security.AccessRules;
import io.chassis.core.spi.AccessControl;
import io.chassis.core.spi.AccessLogWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds the handler stack of both listeners in one place. Per request: {@link RequestLifecycle}
 * (request id, load shedding, refusal while shutting down, timers, access log) -> {@link Cors} (when
 * enabled; on the admin listener {@link ResponseHygiene} instead) -> {@link Router}
 * (404/405) -> {@link Dispatcher} (body, thread) -> {@link Pipeline} (filters, handler, response).
 *
 * @param app the application listener's root
 * @param admin the admin listener's root: not limited, timed or logged, and stopped only after the
 *     application listener
 * @param virtualThreads where blocking handlers run with {@code chassis.http.virtual-threads}; else null
 * @param ioThreadWatch watches the application routes that moved to the IO thread; close it with the server
 */
public record HandlerStacks(
        RequestLifecycle app, RequestLifecycle admin, ExecutorService virtualThreads, IoThreadWatch ioThreadWatch) {

    /**
     * @param registry the service's meters
     * @param policies the access policy of each application route
     * @param access the access rules (how subjects are logged)
     * @param cors {@code chassis.http.cors}: in front of the application router when enabled
     * @param accessLogWriter writes the access log; null logs it through SLF4J
     * @return both stacks
     */
    public static HandlerStacks build(
            HttpSettings http,
            MetricsSettings metrics,
            RouteTable appRoutes,
            RouteTable adminRoutes,
            List<ServerFilter> filters,
            ObjectMapper mapper,
            MeterRegistry registry,
            Map<RouteTable.Route, AccessControl.Policy> policies,
            AccessRules access,
            CorsSettings cors,
            AccessLogWriter accessLogWriter) {
        ProblemWriter problems = new ProblemWriter(mapper);
        ExecutorService vt = http.virtualThreads() ? VirtualThreads.newExecutor() : null;
        long maxBody = http.maxBodySize().toBytes();
        IoThreadWatch watch = new IoThreadWatch(http.dispatch().ioThreadBudget().toNanos());
        RequestLifecycle app = new RequestLifecycle(
                Cors.wrap(
                        cors,
                        appRoutes,
                        Router.build(
                                appRoutes,
                                new Dispatcher(
                                        new Pipeline(mapper, problems, filters, http.retryAfter()),
                                        problems,
                                        vt,
                                        http.dispatch(),
                                        watch,
                                        maxBody,
                                        http.requestBodyTimeout()),
                                route -> HttpAccess.guard(route.handler(), policies.get(route), access))),
                problems,
                http.maxConcurrentRequests(),
                http.retryAfter().toSeconds(),
                metrics.enabled() ? new RequestTimers(registry, metrics.http().percentileHistogram()) : null,
                http.accessLog().enabled() ? new AccessLog(accessLogWriter) : null);
        // Every admin answer carries nosniff and no-store, not only its problems.
        RequestLifecycle admin = new RequestLifecycle(
                ResponseHygiene.everyResponse(Router.build(
                        adminRoutes,
                        new Dispatcher(
                                new Pipeline(mapper, problems, List.of(), http.retryAfter()),
                                problems,
                                null,
                                null, // admin routes (health checks may block) stay on the worker pool
                                null,
                                maxBody,
                                http.requestBodyTimeout()))),
                problems,
                Integer.MAX_VALUE,
                1,
                null,
                null);
        return new HandlerStacks(app, admin, vt, watch);
    }
}
