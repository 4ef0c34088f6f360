package io.chassis.grpc;

import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.core.spi.ModulePhase;
import io.chassis.grpc.internal.Wiring;

/**
 * chassis-grpc: a gRPC server on its own port ({@code chassis.grpc}), discovered on the class path.
 * It offers {@link Grpc} ({@code app.extension(Grpc.class)}) to register services, runs every call
 * through the chassis interceptors (request id, tracing, metrics, access log, protection, errors),
 * serves {@code grpc.health.v1.Health} following readiness and {@code grpc.reflection.v1}, and drains
 * with the service: readiness DOWN turns health NOT_SERVING, then new calls are refused and the calls
 * in progress get {@code chassis.shutdown.grace-period}.
 */
public final class GrpcModule implements ChassisModule {

    private Wiring wiring;

    /** Creates the module; everything happens in {@link #configure}. */
    public GrpcModule() {}

    @Override
    public ModulePhase phase() {
        return ModulePhase.FEATURE;
    }

    @Override
    public String name() {
        return "grpc";
    }

    @Override
    public void configure(ModuleContext context) {
        wiring = Wiring.configure(context);
        context.provide(Grpc.class, wiring.grpc());
    }

    @Override
    public void start() throws Exception {
        wiring.start();
    }

    @Override
    public void stop() throws Exception {
        wiring.stop();
    }
}
