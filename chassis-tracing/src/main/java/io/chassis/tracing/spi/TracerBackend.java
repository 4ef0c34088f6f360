package io.chassis.tracing.spi;

import com.typesafe.config.Config;
import io.chassis.tracing.PropagationFormat;
import io.chassis.tracing.TracingSettings;

/**
 * A tracing implementation behind the OpenTracing API. chassis-tracing finds exactly one with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.chassis.tracing.spi.TracerBackend}):
 * chassis-tracing-otel or chassis-tracing-jaeger, whichever the service depends on.
 */
public interface TracerBackend {

    /** @return a short name for logs and problems, e.g. {@code otel} */
    String name();

    /** @return the format {@code native} stands for in {@code chassis.tracing.propagation.inject} */
    PropagationFormat nativeFormat();

    /**
     * Checks the settings this backend depends on, during configuration (no threads, no sockets).
     * Report problems with {@code new ConfigRules(config).require(..).throwIfAny()}, so they name the
     * file and line the user set the value in.
     *
     * @param settings the validated common settings
     * @param config the service's resolved configuration the settings were bound from, for the origins
     *     of problems
     * @throws io.chassis.config.ConfigProblemsException when the backend cannot honour them, e.g. a
     *     reporter type it does not support
     */
    void validate(TracingSettings settings, Config config);

    /**
     * Builds the tracer and starts its reporter. Called once, when the service starts.
     *
     * @param context settings, service identity, the header codec and the dropped-span counter
     * @return the running tracer
     * @throws Exception when the tracer cannot be built
     */
    BackendTracer start(BackendContext context) throws Exception;
}
