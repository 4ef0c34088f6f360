package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.core.http.Handler;
import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsIT {

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(() -> service().configure(a -> {
                a.http()
                        .get("/orders/{id}", ctx -> Map.of("id", ctx.pathParam("id")))
                        .get("/items/{id}", ctx -> Map.of("id", ctx.pathParam("id")))
                        .get("/fail", ctx -> {
                            throw new IllegalStateException("boom");
                        })
                        .get("/async", Handler.nonBlocking(ctx -> Map.of("ok", true)));
                a.metrics().counter("orders.placed").increment(3);
            }))
            .withConfig("chassis.metrics.instance", "test-1")
            .withConfig("chassis.metrics.tags.region", "eu-test");

    @Test
    void requestsAreTimedByRouteTemplateNeverByRawPath() throws Exception {
        app.http().get("/items/1").send();
        app.http().get("/items/2").send();
        app.http().get("/items/3?x=1").send();
        app.http().get("/no/such/path/4711").send();

        // the timer is recorded when the exchange completes, which may be just after the client has its answer
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Sample> samples = scrape();
            assertThat(find(samples, "http_server_requests_seconds_count", "uri", "/items/{id}", "status", "200"))
                    .singleElement()
                    .satisfies(s -> {
                        assertThat(s.value()).isEqualTo(3.0);
                        assertThat(s.labels()).containsEntry("method", "GET").containsEntry("outcome", "SUCCESS");
                    });
            assertThat(find(samples, "http_server_requests_seconds_count", "uri", "UNMATCHED", "status", "404"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("outcome", "CLIENT_ERROR"));
            assertThat(samples)
                    .noneMatch(s -> s.labels().getOrDefault("uri", "").contains("4711"));
            assertThat(samples)
                    .noneMatch(s -> s.labels().getOrDefault("uri", "").equals("/items/1"));
        });
    }

    @Test
    void failuresAndNonBlockingRoutesAreTimedToo() throws Exception {
        app.http().get("/fail").send();
        app.http().get("/async").send();
        app.http().delete("/orders/1").send();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Sample> samples = scrape();
            assertThat(find(samples, "http_server_requests_seconds_count", "uri", "/fail", "status", "500"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("outcome", "SERVER_ERROR"));
            assertThat(find(samples, "http_server_requests_seconds_count", "uri", "/async", "status", "200"))
                    .hasSize(1);
            // a 405 is timed under the template of the route whose method did not match
            assertThat(find(samples, "http_server_requests_seconds_count", "method", "DELETE", "status", "405"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.labels())
                            .containsEntry("uri", "/orders/{id}")
                            .containsEntry("outcome", "CLIENT_ERROR"));
        });
    }

    @Test
    void everyMeterCarriesTheCommonTags() throws Exception {
        app.http().get("/orders/1").send();

        List<Sample> samples = scrape();

        assertThat(samples).isNotEmpty().allSatisfy(s -> assertThat(s.labels())
                .containsEntry("service", "test-service")
                .containsEntry("instance", "test-1")
                .containsEntry("profile", "default")
                .containsEntry("region", "eu-test"));
    }

    @Test
    void jvmProcessUndertowAndServiceMetersAreExposed() throws Exception {
        TestResponse response =
                app.admin().get("/metrics").send().expectStatus(200).expectContentType("text/plain; version=0.0.4");

        List<Sample> samples = parse(response.body());
        assertThat(samples)
                .extracting(Sample::name)
                .contains(
                        "jvm_memory_used_bytes",
                        "jvm_gc_max_data_size_bytes",
                        "jvm_classes_loaded_classes",
                        "jvm_threads_live_threads",
                        "process_cpu_usage",
                        "process_uptime_seconds",
                        "undertow_worker_threads_busy",
                        "undertow_worker_queue_size",
                        "undertow_io_threads",
                        "orders_placed_total");
        assertThat(find(samples, "orders_placed_total"))
                .singleElement()
                .extracting(Sample::value)
                .isEqualTo(3.0);
    }

    @Test
    void exposedMetricsPassPromtoolCheck() throws Exception {
        app.http().get("/orders/1").send();
        app.http().get("/no/such/path").send();
        String body = app.admin().get("/metrics").send().expectStatus(200).body();

        Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        promtool.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String output = read(promtool.getInputStream());

        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as("promtool said: %s", output).isZero();
    }

    @Test
    void disabledMetricsRecordNothingAndExposeNoEndpoint() throws Exception {
        try (TestService quiet = TestService.start(
                service().configOverride("chassis.metrics.enabled", false).configure(a -> a.http()
                        .get("/x", ctx -> "x")))) {
            quiet.http().get("/x").send().expectStatus(200);

            quiet.admin().get("/metrics").send().expectStatus(404);
            assertThat(quiet.app().metrics().getMeters()).isEmpty();
        }
    }

    record Sample(String name, Map<String, String> labels, double value) {}

    static List<Sample> scrape() throws Exception {
        return parse(app.admin().get("/metrics").send().expectStatus(200).body());
    }

    /** Parses Prometheus text format lines (our label values contain no escaped quotes or commas). */
    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0) {
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String pair : body.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                    }
                }
            }
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return samples;
    }

    static List<Sample> find(List<Sample> samples, String name, String... labelPairs) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> {
                    for (int i = 0; i < labelPairs.length; i += 2) {
                        if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
