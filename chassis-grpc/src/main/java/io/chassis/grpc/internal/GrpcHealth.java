package io.chassis.grpc.internal;

import io.chassis.core.health.Readiness;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code grpc.health.v1.Health} following the service's readiness: {@code ""} and every application
 * service are SERVING while the service is ready, NOT_SERVING before start and from the first moment
 * of shutdown (terminal once {@link #terminate()} ran). Readiness has no change events, so it is
 * read (one volatile read) before every health call and every {@link #POLL_MILLIS} ms for Watch
 * streams. Open Watch streams are ended at {@link #endWatches()} so they do not hold up the drain.
 */
final class GrpcHealth {

    static final long POLL_MILLIS = 100;

    private final HealthStatusManager manager = new HealthStatusManager();
    private final Readiness readiness;
    private final List<String> services;
    private final Set<Watch<?, ?>> watches = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService poller;
    private Boolean serving;
    private boolean terminal;

    GrpcHealth(Readiness readiness, List<String> services) {
        this.readiness = readiness;
        this.services = List.copyOf(services);
        apply(false);
    }

    /** @return the health service, to serve without the chassis interceptors */
    ServerServiceDefinition service() {
        return ServerInterceptors.intercept(manager.getHealthService(), new Refreshing());
    }

    /** Starts following readiness. */
    synchronized void start() {
        refresh();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "chassis-grpc-health");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::refresh, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Readiness turned DOWN for good: NOT_SERVING for every name, no more changes. */
    synchronized void terminate() {
        if (!terminal) {
            terminal = true;
            manager.enterTerminalState();
        }
        stopPolling();
    }

    /** Ends the open Watch streams with UNAVAILABLE: the server is going away. */
    void endWatches() {
        for (Watch<?, ?> watch : watches) {
            watch.end();
        }
    }

    synchronized void stopPolling() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    synchronized void refresh() {
        if (!terminal) {
            apply(readiness.isReady());
        }
    }

    private void apply(boolean ready) {
        if (serving != null && serving == ready) {
            return;
        }
        serving = ready;
        ServingStatus status = ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        for (String service : services) {
            manager.setStatus(service, status);
        }
    }

    private final class Refreshing implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            refresh();
            if (!call.getMethodDescriptor()
                    .getFullMethodName()
                    .equals(HealthGrpc.getWatchMethod().getFullMethodName())) {
                return next.startCall(call, headers);
            }
            Watch<Q, R> watch = new Watch<>(call);
            watches.add(watch);
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                    next.startCall(watch, headers)) {
                @Override
                public void onCancel() {
                    watches.remove(watch);
                    super.onCancel();
                }

                @Override
                public void onComplete() {
                    watches.remove(watch);
                    super.onComplete();
                }
            };
        }
    }

    /** A Watch stream; its sends and its end are serialized, so ending it from the stopping thread is safe. */
    private final class Watch<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private boolean closed;

        Watch(ServerCall<Q, R> delegate) {
            super(delegate);
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            watches.remove(this);
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }

        synchronized void end() {
            try {
                close(Status.UNAVAILABLE.withDescription("The server is shutting down."), new Metadata());
            } catch (IllegalStateException e) {
                watches.remove(this); // cancelled by the client meanwhile
            }
        }
    }
}
