package io.chassis.tracing.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.logging.ChassisLogging;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two services, A calling B through the Chassis HTTP client, report to a real Zipkin server; Zipkin's
 * own API must show one trace of A's server span, A's client span and B's server span, correctly
 * parented and tagged, and every JSON log line of both services for the request must carry it.
 */
public abstract class ZipkinEndToEndContract {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.tracing.it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ZipkinServer zipkin;

    @BeforeAll
    static void startZipkin() throws Exception {
        zipkin = ZipkinServer.start();
    }

    @AfterAll
    static void stopZipkin() throws Exception {
        if (zipkin != null) {
            zipkin.close();
        }
    }

    @Test
    void oneTraceAcrossTwoServicesInZipkinAndInEveryLogLine() throws Exception {
        Map<String, Object> reporting = Map.of(
                "chassis.tracing.reporter.type", "zipkin",
                "chassis.tracing.reporter.zipkin.endpoint",
                        zipkin.spansEndpoint().toString(),
                "chassis.tracing.response-header", "X-Trace-Id",
                "chassis.logging.format", "json");
        try (StdoutCapture stdout = StdoutCapture.install()) {
            TestResponse response;
            try (TestService b = TestService.start(TracingBackendContract.tracingOnly("service-b", reporting)
                    .configure(app -> app.http().get("/items/{id}", ctx -> {
                        LOG.info("b serves item {}", ctx.pathParam("id"));
                        return Map.of("id", ctx.pathParam("id"));
                    })))) {
                Map<String, Object> a = new HashMap<>(reporting);
                a.put(
                        "chassis.clients.b.base-url",
                        "http://127.0.0.1:" + b.app().httpPort());
                try (TestService serviceA = TestService.start(
                        TracingBackendContract.tracingOnly("service-a", a).configure(app -> {
                            ChassisHttpClient client = app.clients().http("b");
                            app.http().get("/orders/{id}", ctx -> {
                                LOG.info("a asks b for item {}", ctx.pathParam("id"));
                                return Map.of(
                                        "item",
                                        client.get("/items/{id}", ctx.pathParam("id"))
                                                .send(Map.class));
                            });
                        }))) {
                    response = serviceA.http().get("/orders/42").send();
                }
            }
            ChassisLogging.flush(Duration.ofSeconds(5));

            String traceId = response.header("X-Trace-Id").orElseThrow();
            response.expectStatus(200);
            assertZipkinTrace(traceId);
            assertLogLines(stdout.lines(), traceId);
        }
    }

    private static void assertZipkinTrace(String traceId) throws Exception {
        JsonNode trace = awaitTrace(traceId, 3);
        JsonNode aServer = one(trace, "service-a", "SERVER");
        JsonNode aClient = one(trace, "service-a", "CLIENT");
        JsonNode bServer = one(trace, "service-b", "SERVER");
        assertThat(aServer.path("name").asText()).isEqualTo("get /orders/{id}");
        assertThat(aServer.has("parentId")).isFalse();
        assertThat(aClient.path("name").asText()).isEqualTo("get /items/{id}");
        assertThat(aClient.path("parentId").asText())
                .isEqualTo(aServer.path("id").asText());
        assertThat(bServer.path("name").asText()).isEqualTo("get /items/{id}");
        assertThat(bServer.path("parentId").asText())
                .isEqualTo(aClient.path("id").asText());
        for (JsonNode span : List.of(aServer, aClient, bServer)) {
            assertThat(span.path("traceId").asText()).isEqualTo(traceId);
            assertThat(span.path("tags").path("http.method").asText()).isEqualTo("GET");
            assertThat(span.path("tags").path("http.status_code").asText()).isEqualTo("200");
        }
        assertThat(aServer.path("tags").path("http.url").asText()).endsWith("/orders/42");
        assertThat(aClient.path("tags").path("http.url").asText()).endsWith("/items/42");
        assertThat(aClient.path("tags").path("peer.service").asText()).isEqualTo("b");
        assertThat(bServer.path("tags").path("http.url").asText()).endsWith("/items/42");
    }

    private static void assertLogLines(List<String> lines, String traceId) throws Exception {
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                json.add(JSON.readTree(line));
            }
        }
        List<JsonNode> request = json.stream()
                .filter(l -> l.path("message").asText().contains("item")
                        || l.path("path").asText().startsWith("/orders/")
                        || l.path("path").asText().startsWith("/items/"))
                .toList();
        assertThat(request)
                .extracting(l -> l.path("message").asText())
                .anyMatch(m -> m.startsWith("a asks b"))
                .anyMatch(m -> m.startsWith("b serves"));
        assertThat(request)
                .filteredOn(l -> l.path("logger").asText().equals("chassis.access"))
                .extracting(l -> l.path("method").asText() + " "
                        + l.path("path").asText() + " " + l.path("status").asInt())
                .contains("GET /orders/42 200", "GET /items/42 200");
        assertThat(request).allSatisfy(l -> {
            assertThat(l.path("trace_id").asText()).as(l.toString()).isEqualTo(traceId);
            assertThat(l.path("span_id").asText()).as(l.toString()).hasSize(16);
        });
    }

    private static JsonNode awaitTrace(String traceId, int spans) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode trace = zipkin.trace(traceId);
        while ((trace == null || trace.size() < spans) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            trace = zipkin.trace(traceId);
        }
        assertThat(trace).as("trace " + traceId + " in Zipkin").isNotNull();
        assertThat(trace.size()).isEqualTo(spans);
        return trace;
    }

    private static JsonNode one(JsonNode trace, String service, String kind) {
        List<JsonNode> found = new ArrayList<>();
        trace.forEach(s -> {
            if (s.path("localEndpoint").path("serviceName").asText().equals(service)
                    && s.path("kind").asText().equals(kind)) {
                found.add(s);
            }
        });
        assertThat(found).as(kind + " span of " + service + " in " + trace).hasSize(1);
        return found.get(0);
    }
}
