package io.chassis.grpc.internal.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.chassis.config.ConfigProblem;
import io.chassis.core.http.Context;
import io.chassis.core.http.Handler;
import io.chassis.core.http.HttpProblem;
import io.chassis.core.http.Routes;
import io.chassis.core.spi.CallObserver;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.stub.ClientCalls;
import io.undertow.util.HeaderValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The JSON/REST gateway: the {@code google.api.http} rules of the registered services as routes
 * of the chassis HTTP router, each call made through an in-process gRPC server holding the same
 * intercepted services as the gRPC port, so a gateway call is logged, timed and traced once on
 * the HTTP side and once on the gRPC side. Unary calls run on the HTTP request's thread;
 * server-streaming calls on the gRPC executor, their messages sent as NDJSON.
 */
public final class Gateway {

    /** Request headers always passed on as metadata (x-request-id is the HTTP side's id). */
    private static final List<String> BUILT_IN_HEADERS = List.of(
            "authorization",
            "accept-language",
            "traceparent",
            "tracestate",
            "b3",
            "x-b3-traceid",
            "x-b3-spanid",
            "x-b3-parentspanid",
            "x-b3-sampled",
            "x-b3-flags",
            "uber-trace-id");

    private static final Metadata.Key<String> REQUEST_ID =
            Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private final List<Binding> bindings;
    /** A forwarded header: its name for the request's header map, and the metadata key, both made once. */
    private record Forwarded(io.undertow.util.HttpString header, Metadata.Key<String> key) {}

    private final List<Forwarded> forwarded;
    private final Map<String, Metadata.Key<String>> injectedKeys = new ConcurrentHashMap<>();
    private final List<CallObserver> observers;
    private final Transcoder transcoder;
    private final ResponseWriter writer;
    private final String name = "chassis-gateway-" + System.identityHashCode(this);
    private volatile Channel channel;
    private Server server;
    private ManagedChannel managed;

    private Gateway(
            List<Binding> bindings,
            List<String> forwardHeaders,
            List<CallObserver> observers,
            Transcoder transcoder,
            ObjectMapper mapper) {
        this.bindings = bindings;
        Set<String> names = new HashSet<>(BUILT_IN_HEADERS);
        forwardHeaders.forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
        names.remove("x-request-id");
        this.forwarded = names.stream()
                .sorted()
                .map(n -> new Forwarded(
                        io.undertow.util.HttpString.tryFromString(n),
                        Metadata.Key.of(n, Metadata.ASCII_STRING_MARSHALLER)))
                .toList();
        this.observers = observers;
        this.transcoder = transcoder;
        this.writer = new ResponseWriter(transcoder, mapper);
    }

    /** What {@link #bind} gave: the gateway (null when no service has rules) and the problems of the rules. */
    public record Bound(Gateway gateway, List<ConfigProblem> problems) {}

    /**
     * Reads and checks the rules of {@code services} and adds their routes to {@code http}.
     *
     * @param services the services as registered
     * @param http where the routes go
     * @param forwardHeaders {@code chassis.grpc.gateway.forward-headers}
     * @param observers the call observers (tracing) whose context the gRPC side continues
     * @param mapper the service's JSON mapper
     * @param failOnUnknown {@code chassis.json.fail-on-unknown-properties}
     * @return the gateway, or no gateway and the problems
     */
    public static Bound bind(
            List<ServerServiceDefinition> services,
            Routes http,
            List<String> forwardHeaders,
            List<CallObserver> observers,
            ObjectMapper mapper,
            boolean failOnUnknown) {
        HttpRules.Result rules = HttpRules.read(services);
        if (!rules.problems().isEmpty() || rules.bindings().isEmpty()) {
            return new Bound(null, rules.problems());
        }
        Transcoder transcoder = new Transcoder(registry(services), failOnUnknown, mapper);
        Gateway gateway = new Gateway(rules.bindings(), forwardHeaders, observers, transcoder, mapper);
        List<ConfigProblem> problems = new ArrayList<>();
        // one route per method and router template; the bindings sharing one (verbs) are told apart by match()
        Map<String, List<Binding>> routes = new LinkedHashMap<>();
        for (Binding binding : rules.bindings()) {
            routes.computeIfAbsent(
                            binding.httpMethod() + " " + binding.template().routerTemplate(), k -> new ArrayList<>())
                    .add(binding);
        }
        routes.forEach((key, candidates) -> {
            Binding first = candidates.get(0);
            try {
                http.add(first.httpMethod(), first.template().routerTemplate(), gateway.handler(candidates));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(
                        first.proto().getFile().getName(),
                        first.fullMethodName() + " (google.api.http)",
                        "must bind a path no other route has, but " + e.getMessage()));
            }
        });
        return new Bound(problems.isEmpty() ? gateway : null, problems);
    }

    /** Every message type of the services' files and their imports, for {@code google.protobuf.Any}. */
    private static JsonFormat.TypeRegistry registry(List<ServerServiceDefinition> services) {
        JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
        Set<String> files = new HashSet<>();
        for (ServerServiceDefinition service : services) {
            if (service.getServiceDescriptor().getSchemaDescriptor() instanceof ProtoServiceDescriptorSupplier s) {
                addFile(registry, s.getFileDescriptor(), files);
            }
        }
        return registry.build();
    }

    private static void addFile(
            JsonFormat.TypeRegistry.Builder registry, Descriptors.FileDescriptor file, Set<String> seen) {
        if (!seen.add(file.getName())) {
            return;
        }
        file.getMessageTypes().forEach(registry::add);
        file.getDependencies().forEach(d -> addFile(registry, d, seen));
    }

    /** @return the bindings, for the OpenAPI document */
    public List<Binding> bindings() {
        return bindings;
    }

    /**
     * Starts the in-process server holding the intercepted services.
     *
     * @param intercepted the services wrapped in the chassis interceptors
     * @param streaming where server-streaming calls run (the gRPC executor)
     * @throws IOException when the in-process server cannot start
     */
    public synchronized void open(List<ServerServiceDefinition> intercepted, Executor streaming) throws IOException {
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name)
                // unary: on the HTTP request's thread; a stream on the gRPC executor, so that its
                // messages reach the HTTP client while the service is still producing them
                .callExecutor(new io.grpc.ServerCallExecutorSupplier() {
                    @Override
                    public <Q, R> Executor getExecutor(io.grpc.ServerCall<Q, R> call, Metadata headers) {
                        return call.getMethodDescriptor().getType().serverSendsOneMessage() ? Runnable::run : streaming;
                    }
                })
                .directExecutor();
        intercepted.forEach(builder::addService);
        server = builder.build().start();
        managed = InProcessChannelBuilder.forName(name).directExecutor().build();
        channel = ClientInterceptors.intercept(managed, new GatewayCall());
    }

    /**
     * Refuses new gateway calls, gives the ones in progress {@code grace}, then cancels the rest.
     *
     * @return true when every call finished in time
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized boolean close(java.time.Duration grace) throws InterruptedException {
        channel = null;
        if (server == null) {
            return true;
        }
        server.shutdown();
        boolean finished = server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
        }
        managed.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
        return finished;
    }

    private Handler handler(List<Binding> candidates) {
        // waits for the gRPC call: never moved to the IO thread by adaptive dispatch
        return Handler.blocking(ctx -> {
            String path = ctx.path();
            for (Binding binding : candidates) {
                Map<String, String> values = binding.template().match(path);
                if (values != null) {
                    return call(ctx, binding, values);
                }
            }
            throw HttpProblem.notFound("No route matches " + ctx.method() + " " + path + ".");
        });
    }

    private Object call(Context ctx, Binding binding, Map<String, String> values) throws IOException {
        Channel ready = channel;
        if (ready == null) {
            throw HttpProblem.serviceUnavailable(
                    "The gRPC services are not serving yet.", java.time.Duration.ofSeconds(1));
        }
        byte[] body = ctx.bodyBytes();
        if (body.length > 0 && !binding.body().isEmpty()) {
            String type = ctx.header("Content-Type").orElse("");
            if (!type.isEmpty() && !type.toLowerCase(Locale.ROOT).contains("json")) {
                throw new HttpProblem(
                        415,
                        "Unsupported Media Type",
                        "The body must be JSON (Content-Type: application/json), but was '" + type + "'.");
            }
        }
        Message request =
                transcoder.request(binding, values, ctx.unsafeExchange().getQueryParameters(), body);
        GatewayCall.Exchange exchange = new GatewayCall.Exchange();
        CallOptions options = CallOptions.DEFAULT.withOption(GatewayCall.KEY, exchange);
        Long timeout = Timeouts.fromHeader(ctx.header("grpc-timeout").orElse(null));
        if (timeout != null) {
            options = options.withDeadlineAfter(timeout, TimeUnit.NANOSECONDS);
        }
        metadata(ctx, exchange.outgoing);
        if (binding.streaming()) {
            writer.stream(ctx, binding, ready, options, request, exchange);
            return null;
        }
        Message response;
        try {
            response = ClientCalls.blockingUnaryCall(ready, binding.method(), options, request);
        } catch (StatusRuntimeException e) {
            ResponseWriter.metadataHeaders(ctx, exchange);
            throw StatusProblems.of(e.getStatus(), e.getTrailers());
        }
        ResponseWriter.metadataHeaders(ctx, exchange);
        ctx.result("application/json", transcoder.json(binding, response));
        return null;
    }

    private void metadata(Context ctx, Metadata out) {
        var headers = ctx.unsafeExchange().getRequestHeaders();
        for (Forwarded f : forwarded) {
            HeaderValues values = headers.get(f.header());
            if (values != null) {
                for (String value : values) {
                    out.put(f.key(), value);
                }
            }
        }
        out.put(REQUEST_ID, ctx.requestId());
        for (CallObserver observer : observers) {
            observer.inject((name, value) -> {
                Metadata.Key<String> key =
                        injectedKeys.computeIfAbsent(name, n -> Metadata.Key.of(n, Metadata.ASCII_STRING_MARSHALLER));
                out.discardAll(key);
                out.put(key, value);
            });
        }
    }
}
