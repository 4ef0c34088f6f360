package io.chassis.core.internal.metrics;

import io.chassis.core.ServiceInfo;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The service's meter registry: Prometheus-backed with common tags, or a no-op when disabled. */
public final class Metrics implements AutoCloseable {

    /**
     * Keeps the exposition clean for {@code promtool check metrics}: every meter gets help text,
     * Micrometer's {@code process.cpu.time} (base unit "ns", which Prometheus lint rejects) is left
     * out in favour of {@code process.cpu.usage}, and the {@code system.cpu.count} gauge, whose
     * "_count" suffix Prometheus reserves for histograms, is published as {@code system.cpus}.
     */
    static final MeterFilter PROMTOOL_CLEAN = new MeterFilter() {
        @Override
        public MeterFilterReply accept(Meter.Id id) {
            return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
        }

        @Override
        public Meter.Id map(Meter.Id id) {
            String name = id.getName().equals("system.cpu.count") ? "system.cpus" : id.getName();
            String description = id.getDescription() == null ? name : id.getDescription();
            if (name.equals(id.getName()) && description.equals(id.getDescription())) {
                return id;
            }
            return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
        }
    };

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private Metrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
    }

    /** Creates the registry; JVM meters are bound right away so they cover startup too. */
    public static Metrics create(MetricsSettings settings, ServiceInfo service, List<String> profiles) {
        if (settings == null || !settings.enabled()) {
            return new Metrics(new CompositeMeterRegistry(), null); // records nothing
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.of("service", service.name() == null ? "unknown" : service.name()));
        tags.add(Tag.of("instance", settings.instance().orElseGet(Metrics::hostName)));
        tags.add(Tag.of("profile", profiles.isEmpty() ? "default" : String.join(",", profiles)));
        settings.tags().forEach((key, value) -> tags.add(Tag.of(key, value)));
        prometheus.config().commonTags(tags).meterFilter(PROMTOOL_CLEAN);
        Metrics metrics = new Metrics(prometheus, prometheus);
        if (settings.jvm()) {
            metrics.bind(new ClassLoaderMetrics());
            metrics.bind(new JvmMemoryMetrics());
            metrics.bind(new JvmGcMetrics());
            metrics.bind(new JvmThreadMetrics());
            metrics.bind(new JvmInfoMetrics());
            metrics.bind(new ProcessorMetrics());
            metrics.bind(new UptimeMetrics());
            metrics.bind(new FileDescriptorMetrics());
        }
        return metrics;
    }

    /** Binds {@code binder}, closing it with the registry if it holds resources. */
    public void bind(MeterBinder binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            closeables.add(closeable);
        }
    }

    /** @return the registry handed to modules and service code */
    public MeterRegistry registry() {
        return registry;
    }

    /** @return the Prometheus registry, or null when metrics are disabled */
    public PrometheusMeterRegistry prometheus() {
        return prometheus;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                // a binder that cannot release its listeners must not stop the shutdown
            }
        }
        registry.close();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
