package io.chassis.grpc.internal;

import io.chassis.grpc.Grpc;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/** What the service registered through {@link Grpc}, collected until the server is built. */
final class GrpcRegistry implements Grpc {

    private final Map<String, ServerServiceDefinition> services = new LinkedHashMap<>();
    private final List<ServerInterceptor> interceptors = new ArrayList<>();
    private final IntSupplier port;
    private final GrpcClients clients;
    private boolean frozen;

    GrpcRegistry(IntSupplier port, GrpcClients clients) {
        this.port = port;
        this.clients = clients;
    }

    @Override
    public Channel client(String name) {
        return clients.client(Objects.requireNonNull(name, "name"));
    }

    @Override
    public Grpc service(BindableService service) {
        return service(Objects.requireNonNull(service, "service").bindService());
    }

    @Override
    public synchronized Grpc service(ServerServiceDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        checkOpen();
        String name = definition.getServiceDescriptor().getName();
        if (name.startsWith("grpc.health.") || name.startsWith("grpc.reflection.")) {
            throw new IllegalArgumentException(
                    name + " is served by chassis-grpc itself (chassis.grpc.health / chassis.grpc.reflection)");
        }
        if (services.putIfAbsent(name, definition) != null) {
            throw new IllegalArgumentException("the gRPC service " + name + " is registered twice");
        }
        return this;
    }

    @Override
    public synchronized Grpc interceptor(ServerInterceptor interceptor) {
        Objects.requireNonNull(interceptor, "interceptor");
        checkOpen();
        interceptors.add(interceptor);
        return this;
    }

    @Override
    public int port() {
        return port.getAsInt();
    }

    /** Ends registration; later calls throw. */
    synchronized void freeze() {
        frozen = true;
    }

    synchronized List<ServerServiceDefinition> services() {
        return List.copyOf(services.values());
    }

    synchronized List<ServerInterceptor> interceptors() {
        return List.copyOf(interceptors);
    }

    private void checkOpen() {
        if (frozen) {
            throw new IllegalStateException(
                    "the gRPC server is already built: register services and interceptors in configure(..)");
        }
    }
}
