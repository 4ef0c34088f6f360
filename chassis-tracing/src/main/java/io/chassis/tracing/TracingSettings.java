package io.chassis.tracing;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated {@code chassis.tracing} section (defaults and meaning in chassis-tracing's {@code
 * reference.conf}).
 *
 * @param enabled whether requests and client calls are traced
 * @param serviceName the service name on spans; empty = {@code chassis.service.name}
 * @param tags extra tags on every span
 * @param responseHeader response header that carries the trace id, if any
 * @param sampler how new traces are sampled
 * @param propagation which formats are written on outgoing calls
 * @param reporter where finished spans go
 */
public record TracingSettings(
        boolean enabled,
        Optional<String> serviceName,
        Map<String, String> tags,
        Optional<String> responseHeader,
        Sampler sampler,
        Propagation propagation,
        Reporter reporter) {

    /** How a new trace (one without a caller's decision) is sampled. */
    public enum SamplerType {
        /** Every trace. */
        ALWAYS,
        /** No trace. */
        NEVER,
        /** A share of traces: {@code probability}. */
        PROBABILISTIC,
        /** At most {@code per-second} traces per second. */
        RATE_LIMITED
    }

    /** Where finished spans are sent. */
    public enum ReporterType {
        /** OTLP over HTTP (protobuf): OpenTelemetry collectors, Jaeger v2. OpenTelemetry backend. */
        OTLP,
        /** Zipkin's JSON v2 API. Both backends. */
        ZIPKIN,
        /** A Jaeger agent over UDP (Thrift compact). jaeger-client backend. */
        JAEGER_AGENT,
        /** A Jaeger collector over HTTP (Thrift). jaeger-client backend. */
        JAEGER_COLLECTOR
    }

    /**
     * @param type the sampler
     * @param probability share of new traces sampled by {@code probabilistic}
     * @param perSecond new traces per second sampled by {@code rate-limited}
     */
    public record Sampler(SamplerType type, double probability, double perSecond) {}

    /** @param inject format names written on outgoing calls, {@code native} included */
    public record Propagation(List<String> inject) {}

    /**
     * @param type the reporter; empty = the backend's own
     * @param queueSize spans waiting to be sent before new ones are dropped
     * @param flushInterval longest wait of a finished span before it is sent
     * @param timeout longest time of one send
     * @param closeTimeout longest wait for queued spans when the service stops
     * @param otlp the OTLP endpoint
     * @param zipkin the Zipkin endpoint
     * @param jaegerAgent the Jaeger agent
     * @param jaegerCollector the Jaeger collector endpoint
     */
    public record Reporter(
            Optional<ReporterType> type,
            int queueSize,
            Duration flushInterval,
            Duration timeout,
            Duration closeTimeout,
            Endpoint otlp,
            Endpoint zipkin,
            Agent jaegerAgent,
            Endpoint jaegerCollector) {}

    /** @param endpoint the URL spans are posted to */
    public record Endpoint(URI endpoint) {}

    /**
     * @param host the agent's host
     * @param port the agent's UDP port
     */
    public record Agent(String host, int port) {}

    /**
     * Binds and validates {@code chassis.tracing}.
     *
     * @param config the resolved configuration
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every invalid value
     */
    public static TracingSettings from(Config config) {
        TracingSettings s = ConfigBinder.bind(config, "chassis.tracing", TracingSettings.class);
        Reporter r = s.reporter;
        ConfigRules problems = new ConfigRules(config)
                .require(
                        s.sampler.probability >= 0 && s.sampler.probability <= 1,
                        "chassis.tracing.sampler.probability",
                        "be between 0.0 and 1.0",
                        s.sampler.probability,
                        "Use e.g. 0.1 to sample one trace in ten.")
                .require(
                        s.sampler.perSecond > 0,
                        "chassis.tracing.sampler.per-second",
                        "be positive",
                        s.sampler.perSecond,
                        "Use e.g. 10.")
                .require(
                        s.responseHeader.map(TracingSettings::isToken).orElse(true),
                        "chassis.tracing.response-header",
                        "be a header name (letters, digits, '-')",
                        s.responseHeader.orElse(""),
                        "Use e.g. \"X-Trace-Id\", or null for none.")
                .require(r.queueSize >= 1, "chassis.tracing.reporter.queue-size", "be at least 1", r.queueSize, "")
                .require(
                        positive(r.flushInterval),
                        "chassis.tracing.reporter.flush-interval",
                        "be positive",
                        r.flushInterval,
                        "Use e.g. 1s.")
                .require(positive(r.timeout), "chassis.tracing.reporter.timeout", "be positive", r.timeout, "")
                .require(
                        !r.closeTimeout.isNegative(),
                        "chassis.tracing.reporter.close-timeout",
                        "not be negative",
                        r.closeTimeout,
                        "Use e.g. 5s.")
                .require(
                        r.jaegerAgent.port > 0 && r.jaegerAgent.port < 65536,
                        "chassis.tracing.reporter.jaeger-agent.port",
                        "be a port number",
                        r.jaegerAgent.port,
                        "The agent listens on 6831 by default.");
        for (String name : List.of("otlp", "zipkin", "jaeger-collector")) {
            String path = "chassis.tracing.reporter." + name + ".endpoint";
            URI uri = URI.create(config.getString(path));
            problems.require(
                    ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                    path,
                    "be an http(s) URL",
                    uri,
                    "Use e.g. \"http://collector:4318/v1/traces\".");
        }
        for (String name : s.propagation.inject) {
            problems.require(
                    "native".equalsIgnoreCase(name) || format(name).isPresent(),
                    "chassis.tracing.propagation.inject",
                    "list only w3c, b3, b3-single, jaeger or native",
                    name,
                    "Remove or correct the entry.");
        }
        problems.throwIfAny();
        return s;
    }

    /**
     * The formats to write on outgoing calls, {@code native} resolved, each once, in the order of
     * {@link PropagationFormat}.
     *
     * @param nativeFormat the backend's own format
     * @return the formats
     */
    public List<PropagationFormat> injectFormats(PropagationFormat nativeFormat) {
        List<PropagationFormat> formats = new ArrayList<>();
        for (PropagationFormat f : PropagationFormat.values()) {
            boolean wanted = propagation.inject.stream()
                    .anyMatch(n -> "native".equalsIgnoreCase(n)
                            ? f == nativeFormat
                            : format(n).orElse(null) == f);
            if (wanted) {
                formats.add(f);
            }
        }
        return List.copyOf(formats);
    }

    private static Optional<PropagationFormat> format(String name) {
        String wanted = name.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (PropagationFormat f : PropagationFormat.values()) {
            if (f.name().equals(wanted)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
