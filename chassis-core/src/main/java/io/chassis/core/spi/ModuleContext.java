package io.chassis.core.spi;

import io.chassis.config.ConfigProblem;
import io.chassis.core.App;
import io.chassis.core.health.HealthContribution;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a {@link ChassisModule} gets during {@link ChassisModule#configure}: everything a service
 * author gets ({@link App}), plus the contribution points only modules use.
 *
 * <p>The contribution lists ({@link #healthContributions()}, {@link #clientInterceptors()}) are
 * live, read-only views: they are complete once every module and the application have been
 * configured, i.e. from {@link ChassisModule#start()} on.
 */
public interface ModuleContext extends App {

    /**
     * Makes {@code extension} what {@code app.extension(type)} returns, for the modules configured
     * later and the application.
     *
     * @param type the type service code asks for, e.g. {@code Resilience.class}
     * @param extension the instance
     * @param <T> the type
     * @throws IllegalArgumentException when another module already provides {@code type}
     */
    <T> void provide(Class<T> type, T extension);

    /**
     * Adds an authentication scheme, asked by core's access rules on every protected HTTP route and
     * gRPC call (in the order added; the first that finds its credentials decides).
     *
     * @param authenticator the scheme
     */
    void addAuthenticator(Authenticator authenticator);

    /** @return the authentication schemes added so far, in order (a live, read-only view) */
    List<Authenticator> authenticators();

    /**
     * @return core's access rules, for a transport module to resolve its operations' policies from a
     *     {@link #checkAfterConfiguration} check (once every authenticator has been added)
     */
    AccessControl accessControl();

    /**
     * Has {@code writer} write the HTTP access log instead of the SLF4J logger {@code chassis.access}
     * (the logging module does, when it owns the output). The last call wins.
     *
     * @param writer the writer; {@code null} goes back to SLF4J
     */
    void setAccessLogWriter(AccessLogWriter writer);

    /**
     * Adds an interceptor for outgoing HTTP client calls.
     *
     * @param interceptor the interceptor
     */
    void addClientInterceptor(ClientInterceptor interceptor);

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
     * that continue its work; see {@link io.chassis.core.ContextPropagation}.
     *
     * @param propagator the propagator, applied after core's MDC propagator and those added before
     * @throws NullPointerException when {@code propagator} is null
     */
    void addContextPropagator(ContextPropagator propagator);

    /**
     * Reports something suspicious that does not stop the service, e.g. a configured instance
     * nothing uses: {@code check} prints it, {@code run} logs it as a WARN line at start.
     *
     * @param warning in the problem format, e.g. {@code "... is configured, but nothing uses it"}
     */
    void warn(ConfigProblem warning);

    /**
     * Like {@link #warn}, for a check that needs the whole service configured first (e.g. which
     * configured instances the application's code used): run once, after the application's {@code
     * configure(..)}.
     *
     * @param check returns the warnings; an exception it throws is ignored
     */
    void warnAfterConfiguration(Supplier<List<ConfigProblem>> check);

    /**
     * Runs {@code check} once the application's {@code configure(..)} is done, before anything
     * starts, for a module whose validation needs what the application registered (e.g. the HTTP
     * rules of the gRPC services it added). Its problems fail the start together with every other
     * configuration problem. The check may still contribute routes.
     *
     * @param check returns the problems, empty when there are none
     * @throws NullPointerException when check is null
     */
    void checkAfterConfiguration(Supplier<List<ConfigProblem>> check);

    /**
     * Adds an observer of calls of transports other than core's HTTP (see {@link CallObserver}).
     *
     * @param observer e.g. tracing's
     * @throws NullPointerException when {@code observer} is null
     */
    void addCallObserver(CallObserver observer);

    /**
     * @return the call observers, in the order added; a live view, complete once every module is
     *     configured (read it at {@link ChassisModule#start()})
     */
    List<CallObserver> callObservers();

    /**
     * Adds a source of the current work's deadline; named HTTP clients wait no longer than it says.
     *
     * @param source e.g. the gRPC module's, reading the current call's deadline
     * @throws NullPointerException when {@code source} is null
     */
    void addDeadlineSource(DeadlineSource source);

    /**
     * Adds a guard that transports other than core's HTTP ask before they run a call.
     *
     * @param guard e.g. the resilience module's rate limit and bulkhead by operation
     * @throws NullPointerException when {@code guard} is null
     */
    void addCallGuard(CallGuard guard);

    /**
     * @return the call guards, in the order added; a live view, complete once every module is
     *     configured (read it at {@link ChassisModule#start()})
     */
    List<CallGuard> callGuards();

    /**
     * Adds a guard that the named clients of transports other than core's HTTP enter around every
     * call (see {@link ClientGuard}).
     *
     * @param guard e.g. the resilience module's circuit breaker and bulkhead per client
     * @throws NullPointerException when {@code guard} is null
     */
    void addClientGuard(ClientGuard guard);

    /**
     * @return the client guards, in the order added; a live view, complete once every module is
     *     configured (read it at {@link ChassisModule#start()})
     */
    List<ClientGuard> clientGuards();

    /**
     * Adds a port this module serves inside the chassis lifecycle: opened after the HTTP ports,
     * drained and closed with them on shutdown (see {@link Listener}).
     *
     * @param listener the listener
     * @throws NullPointerException when {@code listener} is null
     * @throws IllegalArgumentException when a listener of that name, or {@code http}/{@code admin},
     *     exists already
     */
    void addListener(Listener listener);

    /**
     * Binds and validates a server {@code tls} section (the shape of {@code chassis.http.tls}, declared
     * by the module in its {@code reference.conf}) and has core watch it: the files are polled every
     * {@code reload-interval}, the gauge {@code tls.certificate.expiry} gets the tag {@code
     * listener=<listener>}, and a health contribution {@code tls-<listener>} turns DEGRADED inside
     * {@code expiry-warning}. A disabled section is bound and returned too ({@link ServerTls#enabled()}
     * false), with nothing watched.
     *
     * @param configPath the section, e.g. {@code chassis.grpc.tls}
     * @param listener the listener's name for the metric and health check, e.g. {@code grpc}
     * @return the bound material
     * @throws io.chassis.config.ConfigProblemsException listing every problem of the section (missing or
     *     unreadable files, a key that does not match its certificate, ...)
     */
    ServerTls serverTls(String configPath, String listener);

    /**
     * Binds and validates a client {@code tls} section ({@code trust}, {@code certificate}, {@code key},
     * {@code key-password}, {@code verify-host-name}, {@code reload-interval}) and has core watch its
     * files. Turning host-name verification off is logged as a WARN, naming {@code clientName}.
     *
     * @param config the configuration holding the section, e.g. a client's section merged with the
     *     module's client defaults (problems name the origins its values carry)
     * @param configPath the section, e.g. {@code chassis.grpc.clients.payments.tls}
     * @param clientName the client's name for the log
     * @return the bound material
     * @throws io.chassis.config.ConfigProblemsException listing every problem of the section
     */
    ClientTls clientTls(com.typesafe.config.Config config, String configPath, String clientName);

    /**
     * {@link #clientTls(com.typesafe.config.Config, String, String)} on the service's configuration.
     *
     * @throws io.chassis.config.ConfigProblemsException listing every problem of the section
     */
    default ClientTls clientTls(String configPath, String clientName) {
        return clientTls(config().config(), configPath, clientName);
    }

    /** @return the client interceptors contributed so far, in order */
    List<ClientInterceptor> clientInterceptors();

    /** @return the health checks contributed so far, in order */
    List<HealthContribution> healthContributions();
}
