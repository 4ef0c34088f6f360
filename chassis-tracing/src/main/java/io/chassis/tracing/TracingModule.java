package io.chassis.tracing;

import com.typesafe.config.Config;
import io.chassis.config.ConfigRules;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.core.spi.ModulePhase;
import io.chassis.tracing.internal.Backends;
import io.chassis.tracing.internal.CallTracing;
import io.chassis.tracing.internal.ClientTracingInterceptor;
import io.chassis.tracing.internal.MdcTracer;
import io.chassis.tracing.internal.ServerTracingFilter;
import io.chassis.tracing.internal.SpanPropagator;
import io.chassis.tracing.internal.TracingRuntime;
import io.chassis.tracing.spi.BackendContext;
import io.chassis.tracing.spi.BackendTracer;
import io.chassis.tracing.spi.TraceHeaders;
import io.chassis.tracing.spi.TracerBackend;
import io.micrometer.core.instrument.Counter;
import io.opentracing.Tracer;
import io.opentracing.noop.NoopTracerFactory;
import io.opentracing.util.GlobalTracer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributed tracing for a Chassis service, on the OpenTracing API: a server span for every
 * request, a client span for every call through the Chassis HTTP client, trace context read in W3C,
 * B3 and Jaeger formats and written in the configured ones, {@code trace_id}/{@code span_id} in the
 * MDC. Found with {@link java.util.ServiceLoader}; the tracer comes from the one backend on the
 * class path (chassis-tracing-otel or chassis-tracing-jaeger). Configured under {@code
 * chassis.tracing}.
 *
 * <p>Service code gets the tracer from {@link #tracer()} of a module it added itself (keep the
 * reference: {@code TracingModule tracing = TracingModule.create();
 * Chassis.builder().module(tracing)}; it replaces the discovered one) or from {@link
 * GlobalTracer#get()}: the first service started in a JVM registers its tracer there.
 */
public final class TracingModule implements ChassisModule {

    private static final Logger LOG = LoggerFactory.getLogger(TracingModule.class);

    private TracingSettings settings;
    private TracerBackend backend;
    private BackendContext backendContext;
    private TracingRuntime runtime;
    private volatile BackendTracer running;

    /** For {@link java.util.ServiceLoader}; prefer {@link #create()}. */
    public TracingModule() {}

    /** @return a module to add with {@code Chassis.builder().module(..)} */
    public static TracingModule create() {
        return new TracingModule();
    }

    /** Right after logging: its filter is the first of any module, so other filters log with ids. */
    @Override
    public ModulePhase phase() {
        return ModulePhase.OBSERVABILITY;
    }

    @Override
    public String name() {
        return "tracing";
    }

    @Override
    public void configure(ModuleContext context) {
        Config config = context.config().config();
        // Remembered by the config: a reload that breaks chassis.tracing is rejected.
        settings = context.config().read("chassis.tracing", TracingSettings::from);
        if (!settings.enabled()) {
            return;
        }
        backend = Backends.find(config);
        backend.validate(settings, config);
        List<PropagationFormat> inject = settings.injectFormats(backend.nativeFormat());
        new ConfigRules(config)
                .require(
                        !inject.isEmpty(),
                        "chassis.tracing.propagation.inject",
                        "name at least one format",
                        settings.propagation().inject(),
                        "Use e.g. [w3c, native].")
                .throwIfAny();
        Counter dropped = Counter.builder("chassis.tracing.spans.dropped")
                .description("Finished spans that were never sent: reporter queue full or send failed")
                .register(context.metrics());
        String serviceName = settings.serviceName().orElse(context.service().name());
        backendContext = new BackendContext(
                settings,
                serviceName,
                context.service().version(),
                TraceHeaders.create(inject),
                dropped,
                context.clock());
        runtime = new TracingRuntime(settings.responseHeader());
        context.http().filter(new ServerTracingFilter(runtime));
        context.addClientInterceptor(new ClientTracingInterceptor(runtime));
        context.addContextPropagator(new SpanPropagator(runtime));
        context.addCallObserver(new CallTracing(runtime));
    }

    @Override
    public void start() throws Exception {
        if (backend == null) {
            return;
        }
        running = backend.start(backendContext);
        Tracer tracer = new MdcTracer(running.tracer());
        runtime.tracer(tracer);
        if (!GlobalTracer.registerIfAbsent(tracer)) {
            LOG.info("GlobalTracer already holds a tracer (another service in this JVM, or the application's own);"
                    + " use TracingModule.tracer() for this service's tracer");
        }
        LOG.info(
                "Tracing with {} as '{}': sampler {}, reporter {}, writing {}",
                backend.name(),
                backendContext.serviceName(),
                settings.sampler().type().name().toLowerCase(java.util.Locale.ROOT),
                settings.reporter().type().map(Enum::name).orElse("default").toLowerCase(java.util.Locale.ROOT),
                backendContext.headers().injectFormats());
    }

    @Override
    public void stop() {
        BackendTracer tracer = running;
        if (tracer != null) {
            running = null;
            tracer.close(settings.reporter().closeTimeout());
        }
    }

    /**
     * The service's tracer: the backend's, with span activation putting the ids into the MDC.
     *
     * @return the tracer; a no-op tracer when {@code chassis.tracing.enabled} is false
     * @throws IllegalStateException before the service started
     */
    public Tracer tracer() {
        if (settings != null && !settings.enabled()) {
            return NoopTracerFactory.create();
        }
        Tracer tracer = runtime == null ? null : runtime.tracer();
        if (tracer == null) {
            throw new IllegalStateException("the tracer exists once the service started; call tracer() from then on");
        }
        return tracer;
    }
}
