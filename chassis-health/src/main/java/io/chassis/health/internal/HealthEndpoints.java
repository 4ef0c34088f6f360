package io.chassis.health.internal;

import io.chassis.core.health.HealthResult;
import io.chassis.core.http.Handler;
import io.chassis.core.http.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin routes: {@code /health}, {@code /health/live}, {@code /health/ready}, {@code
 * /health/started} and the optional alias. 200 for UP and DEGRADED, 503 for DOWN; the body has the
 * MicroProfile Health shape {@code {"status":"UP","checks":[{"name":..,"status":..,"data":{..}}]}}.
 */
public final class HealthEndpoints {

    private HealthEndpoints() {}

    /**
     * @param admin the admin routes
     * @param registry the running checks; null until the module has started
     * @param settings what to show and the alias
     */
    public static void register(Routes admin, Supplier<HealthRegistry> registry, HealthSettings settings) {
        for (Report report : Report.values()) {
            admin.get(report.path(), handler(registry, report, settings.details()));
        }
        settings.alias()
                .path()
                .ifPresent(path ->
                        admin.get(path, handler(registry, settings.alias().report(), settings.details())));
    }

    private static Handler handler(Supplier<HealthRegistry> registry, Report report, HealthSettings.Details details) {
        return ctx -> {
            HealthReport result = report(registry.get(), report);
            ctx.status(result.status().isAvailable() ? 200 : 503);
            ctx.responseHeader("Cache-Control", "no-store");
            return body(result, details);
        };
    }

    private static HealthReport report(HealthRegistry registry, Report report) {
        if (registry != null) {
            return registry.report(report);
        }
        // only while the module is not started; core opens the ports after modules start
        return report == Report.LIVE
                ? HealthReport.of(List.of())
                : HealthReport.of(List.of(new HealthReport.Entry("started", true, HealthResult.down("starting"))));
    }

    /**
     * @param report the report
     * @param details how much to show
     * @return the JSON body as ordered maps and lists
     */
    static Map<String, Object> body(HealthReport report, HealthSettings.Details details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().name());
        if (details == HealthSettings.Details.NONE) {
            return body;
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthReport.Entry entry : report.checks()) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", entry.name());
            check.put("status", entry.result().status().name());
            if (details == HealthSettings.Details.FULL) {
                Map<String, Object> data = new LinkedHashMap<>();
                if (!entry.result().message().isEmpty()) {
                    data.put("message", entry.result().message());
                }
                if (!entry.critical()) {
                    data.put("critical", false);
                }
                data.putAll(entry.result().details());
                if (!data.isEmpty()) {
                    check.put("data", data);
                }
            }
            checks.add(check);
        }
        body.put("checks", checks);
        return body;
    }
}
