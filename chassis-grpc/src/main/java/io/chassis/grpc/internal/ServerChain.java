package io.chassis.grpc.internal;

import io.chassis.core.spi.AccessControl;
import io.chassis.core.spi.CallGuard;
import io.chassis.core.spi.CallObserver;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wraps every method of an application service in the chassis interceptors, outermost first:
 * request id, tracing, metrics, access log, protection, access rules (protected methods only), errors, then the application's interceptors
 * in the order added. The interceptors are built per method, so each knows its method's names and
 * meters without a lookup per call.
 */
final class ServerChain {

    private final RequestIdInterceptor requestIds = new RequestIdInterceptor();
    private final MeterRegistry registry;
    private final List<CallObserver> observers;
    private final List<CallGuard> guards;
    private final Failures failures;
    private final boolean accessLog;
    private final List<ServerInterceptor> application;
    private final Overload overload;
    private final AccessControl access;
    private final Map<String, AccessControl.Policy> policies;

    ServerChain(
            Overload overload,
            MeterRegistry registry,
            List<CallObserver> observers,
            List<CallGuard> guards,
            Failures failures,
            boolean accessLog,
            List<ServerInterceptor> application,
            AccessControl access,
            Map<String, AccessControl.Policy> policies) {
        this.overload = overload;
        this.registry = registry;
        this.observers = List.copyOf(observers);
        this.guards = List.copyOf(guards);
        this.failures = failures;
        this.accessLog = accessLog;
        this.application = List.copyOf(application);
        this.access = access;
        this.policies = Map.copyOf(policies);
    }

    ServerServiceDefinition wrap(ServerServiceDefinition service) {
        ServerServiceDefinition.Builder wrapped = ServerServiceDefinition.builder(service.getServiceDescriptor());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            wrapped.addMethod(wrap(method));
        }
        return wrapped.build();
    }

    private <Q, R> ServerMethodDefinition<Q, R> wrap(ServerMethodDefinition<Q, R> method) {
        List<ServerInterceptor> chain = interceptors(MethodInfo.of(method.getMethodDescriptor()));
        ServerCallHandler<Q, R> handler = method.getServerCallHandler();
        for (int i = chain.size() - 1; i >= 0; i--) {
            handler = intercepted(chain.get(i), handler);
        }
        return method.withServerCallHandler(handler);
    }

    /** @return the interceptors of one method, outermost first */
    List<ServerInterceptor> interceptors(MethodInfo method) {
        List<ServerInterceptor> chain = new ArrayList<>();
        chain.add(requestIds);
        if (!observers.isEmpty()) {
            chain.add(new TracingInterceptor(observers, method));
        }
        chain.add(new MetricsInterceptor(registry, method));
        if (accessLog) {
            chain.add(new AccessLogInterceptor(method));
        }
        chain.add(new ProtectionInterceptor(method, overload, failures.retryAfter(), guards));
        // after protection, as on HTTP (server filters, then the route's access check): a flood is
        // shed before any token is verified
        AccessControl.Policy policy = policies.get(method.operation());
        if (policy != null && !policy.isPublic()) {
            chain.add(new AuthInterceptor(policy, access::subjectForLogs));
        }
        chain.add(new ErrorInterceptor(method, failures));
        chain.addAll(application);
        return chain;
    }

    private static <Q, R> ServerCallHandler<Q, R> intercepted(
            ServerInterceptor interceptor, ServerCallHandler<Q, R> next) {
        return (call, headers) -> interceptor.interceptCall(call, headers, next);
    }
}
