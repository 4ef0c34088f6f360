package io.chassis.core.internal.admin;

import io.chassis.config.ConfigEntry;
import io.chassis.core.ServiceInfo;
import io.chassis.core.internal.bootstrap.Contributions;
import io.chassis.core.internal.bootstrap.CoreSettings;
import io.chassis.core.internal.metrics.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Core's own admin routes: {@code /info} and {@code /metrics} (open), {@code /config} (protected). */
public final class AdminEndpoints {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private AdminEndpoints() {}

    public static void register(Contributions context, Instant startedAt, Metrics metrics, CoreSettings settings) {
        // /info and /metrics are for probes and scrapers; /config reveals the configuration.
        context.admin().open().get("/info", ctx -> info(context, startedAt));
        context.admin().get("/config", ctx -> config(context));
        PrometheusMeterRegistry prometheus = metrics.prometheus();
        if (prometheus != null && settings != null) {
            context.admin().open().get(settings.metrics().path(), ctx -> {
                ctx.result(PROMETHEUS_TEXT, prometheus.scrape());
                return null;
            });
        }
    }

    private static Map<String, Object> info(Contributions context, Instant startedAt) {
        ServiceInfo service = context.service();
        Duration uptime = Duration.between(startedAt, context.clock().instant());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", service.name());
        info.put("version", service.version());
        service.gitCommit().ifPresent(commit -> info.put("gitCommit", commit));
        info.put("startedAt", startedAt.toString());
        info.put("uptime", uptime.toString());
        info.put("uptimeSeconds", uptime.toSeconds());
        info.put("profiles", context.config().profiles());
        info.put(
                "jvm",
                Map.of(
                        "version", Runtime.version().toString(),
                        "vendor", String.valueOf(System.getProperty("java.vendor")),
                        "availableProcessors", Runtime.getRuntime().availableProcessors()));
        return info;
    }

    /** Values are already masked by chassis-config: secrets never leave the process. */
    private static Map<String, Object> config(Contributions context) {
        List<ConfigEntry> entries = context.config().explain();
        return Map.of("profiles", context.config().profiles(), "entries", entries);
    }
}
