package io.chassis.grpc;

import io.chassis.core.security.Principal;
import io.chassis.grpc.internal.Principals;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import java.util.Optional;

/**
 * The gRPC server of the service, offered by {@link GrpcModule}: {@code app.extension(Grpc.class)}.
 *
 * <pre>{@code
 * Chassis.builder().name("currency-service").configure(app -> app.extension(Grpc.class)
 *         .service(new CurrencyServiceImpl(rates))
 *         .interceptor(new AuthInterceptor()));
 * }</pre>
 *
 * <p>Every call of a registered service runs through the chassis interceptors first (request id,
 * tracing, metrics, access log, protection, errors; see docs/grpc.md), then the application's
 * interceptors in the order added, then the service. Register everything in {@code configure(..)}:
 * the server is built when the service starts.
 */
public interface Grpc {

    /**
     * Returns who made the gRPC call being served, as the access rules ({@code chassis.access})
     * established it. Call it on the call's thread (in the service method or a callback).
     *
     * @return the principal; empty for a public method or outside a call
     */
    static Optional<Principal> principal() {
        return Optional.ofNullable(Principals.current());
    }

    /**
     * Serves a service implementation (a generated {@code *ImplBase} subclass).
     *
     * @param service the implementation
     * @return this
     * @throws IllegalArgumentException when a service of the same name is already registered
     * @throws IllegalStateException when the service has already started
     */
    Grpc service(BindableService service);

    /**
     * Serves a service definition, e.g. one an application interceptor already wraps.
     *
     * @param definition the definition
     * @return this
     * @throws IllegalArgumentException when a service of the same name is already registered
     * @throws IllegalStateException when the service has already started
     */
    Grpc service(ServerServiceDefinition definition);

    /**
     * Adds an application interceptor for every registered service. Application interceptors run
     * inside the chassis ones (so they see the request id in the MDC and the active span) and in the
     * order added: the first added sees a call first.
     *
     * @param interceptor the interceptor
     * @return this
     * @throws IllegalStateException when the service has already started
     */
    Grpc interceptor(ServerInterceptor interceptor);

    /**
     * The channel of a named client, {@code chassis.grpc.clients.<name>}: make stubs on it ({@code
     * CurrencyServiceGrpc.newBlockingStub(grpc.client("rates"))}). Its calls carry the request id
     * and the trace of the current work, inherit the current call's deadline (else get the
     * client's {@code deadline}), are timed as {@code grpc.client.requests}, retried by the
     * client's {@code retry} policy and guarded by its {@code resilience} section. The same channel
     * for every call with one name; calls work once the service started, and the channel is shut
     * down after the gRPC port drained.
     *
     * @param name the client's name
     * @return its channel
     * @throws IllegalArgumentException when no such client is configured; the message lists the
     *     configured names
     */
    Channel client(String name);

    /**
     * @return the port the gRPC server listens on once the service started (the real one when {@code
     *     chassis.grpc.port} is 0); -1 before, after stop, and when {@code chassis.grpc.enabled} is false
     */
    int port();
}
