package io.chassis.core;

import io.chassis.config.ChassisConfig;
import io.chassis.config.ConfigReloader;
import io.chassis.core.client.Clients;
import io.chassis.core.health.Readiness;
import io.chassis.core.internal.admin.AdminAccess;
import io.chassis.core.internal.bootstrap.Assembler;
import io.chassis.core.internal.bootstrap.Assembly;
import io.chassis.core.internal.bootstrap.Contributions;
import io.chassis.core.internal.bootstrap.OpenListeners;
import io.chassis.core.internal.bootstrap.ReadinessState;
import io.chassis.core.internal.bootstrap.RunningService;
import io.chassis.core.internal.bootstrap.Spec;
import io.chassis.core.internal.server.HandlerStacks;
import io.chassis.core.internal.server.HttpServer;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.Listener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chassis service: configuration, modules, an HTTP server and an admin server.
 *
 * <pre>{@code
 * Chassis.builder()
 *         .name("hello")
 *         .configure(app -> app.http().get("/hello", ctx -> Map.of("greeting", "hello")))
 *         .start();
 * }</pre>
 *
 * <p>{@link #start()} validates everything first and fails with every problem at once; {@link
 * #stop()} shuts down gracefully and is idempotent. A JVM shutdown hook (SIGTERM) calls it; the JVM
 * then exits with status 143 (128 + SIGTERM), the JVM's convention, also after a graceful stop.
 */
public final class Chassis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Chassis.class);

    private enum State {
        NEW,
        STARTED,
        STOPPED
    }

    private final Spec spec;
    private final ReadinessState readiness = new ReadinessState();
    private State state = State.NEW;
    private volatile Assembly assembly;
    private volatile HttpServer server;
    private final RunningService running = new RunningService();
    private final OpenListeners listeners = new OpenListeners();
    private Thread hook;

    Chassis(Spec spec) {
        this.spec = spec;
    }

    /** @return a builder; the calling class is remembered to find the jar's version */
    public static ChassisBuilder builder() {
        return new ChassisBuilder(Callers.applicationClass());
    }

    /**
     * Validates configuration and modules, starts modules, then opens the ports.
     *
     * @return this service
     * @throws io.chassis.config.ConfigProblemsException listing every configuration problem
     * @throws ChassisStartupException when a port cannot be bound or a module fails to start
     * @throws IllegalStateException when called twice
     */
    public synchronized Chassis start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a Chassis service starts once; build a new one from the builder");
        }
        state = State.STOPPED; // until fully started: a failed start leaves nothing to stop
        long began = System.nanoTime();
        assembly = Assembler.assemble(spec, readiness);
        try {
            startAll();
        } catch (RuntimeException | Error e) { // an Error too: nothing started may outlive a failed start
            closeHttpAfterFailedStart();
            running.closeAll();
            throw e;
        }
        state = State.STARTED;
        readiness.set(true);
        if (assembly.settings().shutdown().hook()) {
            hook = new Thread(this::stop, "chassis-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        assembly.contributions().warnings().forEach(w -> LOG.warn("Configuration warning: {}", w));
        logStarted((System.nanoTime() - began) / 1_000_000);
        return this;
    }

    private void startAll() {
        var contributions = assembly.contributions();
        running.started("metrics", assembly.metrics()::close);
        running.started("HTTP clients", contributions.clientRegistry()::close);
        contributions.tls().start();
        running.started("TLS reload", contributions.tls()::close);
        for (ChassisModule module : assembly.modules()) {
            try {
                module.start();
            } catch (Exception e) {
                throw new ChassisStartupException(
                        "module '" + module.name() + "' failed to start: " + e.getMessage(), e);
            }
            running.started("module '" + module.name() + "'", module::stop);
        }
        // A stop task is owed once the start tasks added before it have run.
        for (Contributions.Step step : contributions.steps()) {
            if (!step.start()) {
                running.started("the application's stop task", step.task()::run);
                continue;
            }
            try {
                step.task().run();
            } catch (Exception e) {
                throw new ChassisStartupException("the application failed to start: " + e.getMessage(), e);
            }
        }
        // The HTTP and admin ports open on this thread while the modules' ports open on their own.
        listeners.openAll(contributions.listeners(), running, this::startHttp);
        ConfigReloader reloader =
                ConfigReloader.startIfEnabled(assembly.config()).orElse(null);
        if (reloader != null) {
            // Every section bound at startup (core's own included) is bound again before a change is
            // put in force; assembly.config() is the live view that follows valid changes.
            contributions.configListeners().forEach(reloader::addListener);
            running.started("configuration reload", reloader::close);
        }
    }

    /** Builds the handler stacks and opens the HTTP and admin ports. */
    private void startHttp() {
        var contributions = assembly.contributions();
        try {
            var settings = assembly.settings();
            HandlerStacks stacks = HandlerStacks.build(
                    settings.http(),
                    settings.metrics(),
                    contributions.routes(),
                    AdminAccess.guard(settings.admin(), contributions.adminRoutes(), contributions.lifecycle()),
                    contributions.serverFilters(),
                    contributions.json(),
                    contributions.metrics(),
                    contributions.routePolicies(),
                    contributions.accessControl(),
                    settings.http().cors(),
                    contributions.accessLogWriter());
            server = HttpServer.start(
                    settings.http(),
                    settings.admin(),
                    stacks,
                    settings.metrics().enabled() ? contributions.metrics() : null,
                    contributions.tls().forListener("http"),
                    contributions.tls().forListener("admin"));
        } catch (Exception e) {
            throw new ChassisStartupException(
                    "cannot open the HTTP ports (chassis.http.port="
                            + assembly.settings().http().port() + ", chassis.admin.port="
                            + assembly.settings().admin().port()
                            + "): " + e.getMessage() + ". Free the port or choose another one.",
                    e);
        }
    }

    private void logStarted(long millis) {
        ServiceInfo service = assembly.service();
        // No service/version pairs: the logging module writes them on every line already.
        var line = LOG.atInfo().addKeyValue("http_port", httpPort()).addKeyValue("admin_port", adminPort());
        StringBuilder others = new StringBuilder();
        for (Listener listener : listeners.listeners()) {
            line = line.addKeyValue(listener.name() + "_port", listener.port());
            others.append(", ").append(listener.name()).append(" port ").append(listener.port());
        }
        line.addKeyValue("startup_ms", millis)
                .log(
                        "{} {} started in {} ms: http port {}, admin port {}{}",
                        service.name(),
                        service.version(),
                        millis,
                        httpPort(),
                        adminPort() < 0 ? "disabled" : adminPort(),
                        others);
    }

    /**
     * Shuts down gracefully: readiness turns DOWN at once, the server keeps serving for {@code
     * chassis.shutdown.drain-delay}, then stops accepting connections. From then on a connection is
     * closed only between requests: a request that arrives on a kept-alive one is answered 503 +
     * {@code Connection: close}, one that has been quiet for {@code chassis.shutdown.close-idle-after}
     * is closed, and requests in progress or partly received get {@code
     * chassis.shutdown.grace-period} to finish. Ports that modules added (gRPC) follow the same
     * steps at the same time: told at once that readiness is DOWN, still serving during the drain
     * delay, then closed with the same grace period. Then the application's stop tasks run and
     * modules stop in reverse order. Calling it again, or on a service that never started, does nothing.
     */
    public synchronized void stop() {
        if (state != State.STARTED) {
            return;
        }
        state = State.STOPPED;
        readiness.set(false);
        var shutdown = assembly.settings().shutdown();
        LOG.info(
                "{} shutting down: readiness DOWN, draining for {}",
                assembly.service().name(),
                shutdown.drainDelay());
        listeners.draining();
        try {
            Thread.sleep(shutdown.drainDelay().toMillis());
            // each warns when it had to cut
            listeners.closeAll(
                    shutdown.gracePeriod(), () -> server.shutdown(shutdown.gracePeriod(), shutdown.closeIdleAfter()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.closeAll();
        removeHook();
        LOG.info("{} stopped", assembly.service().name());
    }

    /** The HTTP ports may be open when a module's port failed to: close them at once. */
    private void closeHttpAfterFailedStart() {
        HttpServer opened = server;
        if (opened == null) {
            return;
        }
        server = null;
        try {
            opened.shutdown(Duration.ZERO, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("the HTTP ports failed to close", e);
        }
    }

    private void removeHook() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook will find the service stopped
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** @return the bound application port */
    public int httpPort() {
        requireStarted();
        return server.port();
    }

    /** @return the bound admin port, or -1 when {@code chassis.admin.enabled} is false */
    public int adminPort() {
        requireStarted();
        return server.adminPort();
    }

    /**
     * @param name {@code http}, {@code admin} or the name of a port a module added, e.g. {@code grpc}
     * @return that port as bound (-1 for a disabled admin port); available once started
     * @throws IllegalArgumentException when no port has that name; the message lists the names
     */
    public int port(String name) {
        requireStarted();
        switch (name) {
            case "http":
                return httpPort();
            case "admin":
                return adminPort();
            default:
                List<String> names = new ArrayList<>(List.of("http", "admin"));
                for (Listener listener : listeners.listeners()) {
                    if (listener.name().equals(name)) {
                        return listener.port();
                    }
                    names.add(listener.name());
                }
                throw new IllegalArgumentException(
                        "no port named '" + name + "'; this service has " + String.join(", ", names));
        }
    }

    /** @return name and version; available once started */
    public ServiceInfo service() {
        requireStarted();
        return assembly.service();
    }

    /**
     * @return the configuration in force; with {@code chassis.config.reload.enabled} it follows every
     *     valid reload (settings bound from it earlier stay as they were bound); available once started
     */
    public ChassisConfig config() {
        requireStarted();
        return assembly.config();
    }

    /**
     * @return the meter registry service code records its own metrics in; available once started
     *     (during configuration, modules and {@code configure(..)} callbacks get it from the context)
     */
    public MeterRegistry metrics() {
        requireStarted();
        return assembly.contributions().metrics();
    }

    /**
     * @return the named outgoing clients ({@code chassis.clients.<name>}); available once started
     *     (during configuration, get them from {@code app.clients()})
     */
    public Clients clients() {
        requireStarted();
        return assembly.contributions().clients();
    }

    /** @return the readiness flag: UP while started and not shutting down */
    public Readiness readiness() {
        return readiness;
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the service has not been started");
        }
    }
}
