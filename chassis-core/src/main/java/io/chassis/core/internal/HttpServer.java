package io.chassis.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.spi.ServerFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The application and admin listeners. They share one XNIO worker that this class owns, so that
 * closing a listener (refusing new connections) does not cut connections still in flight.
 */
public final class HttpServer {

    private final XnioWorker worker;
    private final ExecutorService virtualThreads;
    private final RequestLifecycle lifecycle;
    private final Undertow app;
    private final Undertow admin;
    private final int port;
    private final int adminPort;

    private HttpServer(
            XnioWorker worker, ExecutorService vt, RequestLifecycle lifecycle, Undertow app, Undertow admin) {
        this.worker = worker;
        this.virtualThreads = vt;
        this.lifecycle = lifecycle;
        this.app = app;
        this.admin = admin;
        this.port = port(app);
        this.adminPort = admin == null ? -1 : port(admin);
    }

    /**
     * Opens the listeners.
     *
     * @throws IOException when the worker cannot be created
     * @throws RuntimeException when a port cannot be bound (Undertow wraps the BindException)
     */
    public static HttpServer start(
            CoreSettings settings,
            RouteTable appRoutes,
            RouteTable adminRoutes,
            List<ServerFilter> filters,
            ObjectMapper mapper,
            MeterRegistry registry)
            throws IOException {
        HttpSettings http = settings.http();
        int ioThreads = http.ioThreads() > 0
                ? http.ioThreads()
                : Math.max(Runtime.getRuntime().availableProcessors(), 2);
        int workerThreads = http.workerThreads() > 0 ? http.workerThreads() : ioThreads * 8;
        XnioWorker worker = Xnio.getInstance(Undertow.class.getClassLoader())
                .createWorker(OptionMap.builder()
                        .set(Options.WORKER_NAME, "chassis")
                        .set(Options.WORKER_IO_THREADS, ioThreads)
                        .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
                        .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
                        .set(Options.TCP_NODELAY, true)
                        .set(Options.CORK, true)
                        .getMap());
        ExecutorService vt = http.virtualThreads() ? VirtualThreads.newExecutor() : null;
        Undertow app = null;
        try {
            Pipeline pipeline =
                    new Pipeline(mapper, filters, vt, http.maxBodySize().toBytes());
            RequestLifecycle lifecycle = new RequestLifecycle(
                    Router.build(appRoutes, pipeline),
                    pipeline.problems(),
                    http.maxConcurrentRequests(),
                    http.retryAfter().toSeconds(),
                    settings.metrics().enabled()
                            ? new RequestTimers(
                                    registry, settings.metrics().http().percentileHistogram())
                            : null,
                    http.accessLog().enabled() ? new AccessLog() : null);
            app = listener(worker, http, http.host(), http.port(), lifecycle);
            app.start();
            Undertow adminServer = null;
            if (settings.admin().enabled()) {
                Pipeline adminPipeline =
                        new Pipeline(mapper, List.of(), null, http.maxBodySize().toBytes());
                // Admin requests (probes, scrapes) are neither limited, timed, logged nor refused while draining.
                HttpHandler adminRoot = new RequestLifecycle(
                        Router.build(adminRoutes, adminPipeline),
                        adminPipeline.problems(),
                        Integer.MAX_VALUE,
                        1,
                        null,
                        null);
                adminServer = listener(
                        worker, http, settings.admin().host(), settings.admin().port(), adminRoot);
                adminServer.start();
            }
            if (settings.metrics().enabled()) {
                new UndertowMetrics(worker.getMXBean()).bindTo(registry);
            }
            return new HttpServer(worker, vt, lifecycle, app, adminServer);
        } catch (RuntimeException e) {
            if (app != null) {
                app.stop();
            }
            worker.shutdownNow();
            if (vt != null) {
                vt.shutdownNow();
            }
            throw e;
        }
    }

    private static Undertow listener(XnioWorker worker, HttpSettings http, String host, int port, HttpHandler root) {
        return Undertow.builder()
                .setWorker(worker)
                .addHttpListener(port, host)
                .setHandler(root)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                .setServerOption(
                        UndertowOptions.MAX_ENTITY_SIZE, http.maxBodySize().toBytes())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, (int)
                        http.maxHeaderSize().toBytes())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        http.requestParseTimeout().toMillis())
                .setServerOption(
                        UndertowOptions.IDLE_TIMEOUT, (int) http.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                        http.noRequestTimeout().toMillis())
                .build();
    }

    /** @return the bound application port (still known after shutdown) */
    public int port() {
        return port;
    }

    /** @return the bound admin port, or -1 when the admin listener is disabled */
    public int adminPort() {
        return adminPort;
    }

    private static int port(Undertow server) {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Stops accepting connections, waits up to {@code grace} for in-flight requests, then closes
     * everything.
     *
     * @return true when every in-flight request finished within the grace period
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        lifecycle.close(); // requests on kept-alive connections now get a 503 problem
        app.stop(); // closes the listening socket only: the worker is ours
        boolean drained;
        try {
            drained = lifecycle.awaitIdle(grace);
        } finally {
            if (admin != null) {
                admin.stop();
            }
            // In-flight requests are done (or out of time): only idle keep-alive connections remain.
            worker.shutdownNow();
            worker.awaitTermination(1, TimeUnit.SECONDS);
            if (virtualThreads != null) {
                virtualThreads.shutdownNow();
            }
        }
        return drained;
    }
}
