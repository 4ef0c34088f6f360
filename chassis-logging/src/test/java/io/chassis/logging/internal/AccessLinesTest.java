package io.chassis.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chassis.core.spi.AccessLogWriter.Line;
import io.chassis.logging.TestLogging;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

class AccessLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CapturedContext captured = CapturedContext.wire(
            ResolvedSettings.load(() -> TestLogging.config(Map.of("chassis.service.name", "orders"))));
    private final AccessLines lines = captured.accessLines();

    @AfterEach
    void close() {
        MDC.clear();
        captured.close();
    }

    private static Line line(String requestId, String userAgent, Map<String, String> context) {
        return new Line(
                requestId, null, "GET", "/orders/7", "/orders/{id}", 200, 3, 42, "127.0.0.1", userAgent, context);
    }

    @Test
    void writesWhatTheJsonEncoderWritesForTheSameEventThroughSlf4j() throws Exception {
        Map<String, String> attached = new LinkedHashMap<>();
        attached.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        attached.put("span_id", "00f067aa0ba902b7");
        MDC.put("user", "ann");
        MDC.put("span_id", "overridden by the attached one");

        lines.write(new Line(
                "r-1",
                "CN=client",
                "POST",
                "/orders",
                "/orders",
                201,
                12,
                99,
                "10.0.0.9",
                "curl \"quoted\" \u0001",
                attached));
        // the SLF4J line core writes without a writer: attached entries put into the MDC, the rest as pairs
        MDC.put("trace_id", attached.get("trace_id"));
        MDC.put("span_id", attached.get("span_id"));
        captured.context()
                .getLogger(AccessLines.LOGGER)
                .atInfo()
                .addKeyValue("request_id", "r-1")
                .addKeyValue("tls_peer", "CN=client")
                .addKeyValue("method", "POST")
                .addKeyValue("path", "/orders")
                .addKeyValue("route", "/orders")
                .addKeyValue("status", 201)
                .addKeyValue("duration_ms", 12L)
                .addKeyValue("bytes", 99L)
                .addKeyValue("remote", "10.0.0.9")
                .addKeyValue("user_agent", "curl \"quoted\" \u0001")
                .log("request");

        List<String> out = captured.lines();
        assertThat(out).hasSize(2);
        ObjectNode written = (ObjectNode) JSON.readTree(out.get(0));
        ObjectNode reference = (ObjectNode) JSON.readTree(out.get(1));
        assertThat(written.remove("timestamp").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
        reference.remove("timestamp");
        assertThat(written).isEqualTo(reference); // same fields, same values, same types
        assertThat(written.path("service").asText()).isEqualTo("orders");
        assertThat(written.path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(written.path("user_agent").asText()).isEqualTo("curl \"quoted\" \u0001");
    }

    @Test
    void leavesOutAbsentFieldsAndWritesTheRequestIdOnceWhenTheMdcHasIt() throws Exception {
        MDC.put("request_id", "from-mdc");
        lines.write(line("from-exchange", null, Map.of()));

        String text = captured.lines().get(0);
        assertThat(text).containsOnlyOnce("\"request_id\"");
        JsonNode written = JSON.readTree(text);
        assertThat(written.path("request_id").asText()).isEqualTo("from-mdc");
        assertThat(written.has("user_agent")).isFalse();
        assertThat(written.has("tls_peer")).isFalse();
        assertThat(written.path("status").isInt()).isTrue();
    }

    @Test
    void formatsTheTimestampAsTheJsonEncodersPatternDoes() throws Exception {
        DateTimeFormatter pattern = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        List<Instant> times = List.of(
                Instant.parse("2026-12-04T04:00:52Z"),
                Instant.parse("2026-12-04T04:00:52.120Z"),
                Instant.ofEpochSecond(1_796_356_852L, 5_000),
                Instant.ofEpochSecond(1_796_356_852L, 123_456_789),
                Instant.ofEpochSecond(1_796_356_853L, 999_999_999));
        for (Instant time : times) {
            lines.write(line("r", null, Map.of()), time);
        }
        List<String> out = captured.lines();
        for (int i = 0; i < times.size(); i++) {
            assertThat(JSON.readTree(out.get(i)).path("timestamp").asText())
                    .isEqualTo(pattern.format(times.get(i).atOffset(ZoneOffset.UTC)));
        }
    }

    @Test
    void takesLinesOnlyWhileChassisAccessLogsInfoAndNobodyAttachedAnAppender() {
        LoggerContext context = captured.context();
        assertThat(lines.enabled()).isTrue();

        context.getLogger(AccessLines.LOGGER).setLevel(Level.WARN);
        assertThat(lines.enabled()).isFalse();
        context.getLogger(AccessLines.LOGGER).setLevel(null);
        assertThat(lines.enabled()).isTrue();

        ListAppender<ILoggingEvent> test = new ListAppender<>();
        test.start();
        context.getLogger("chassis").addAppender(test);
        assertThat(lines.enabled()).isFalse();
        context.getLogger("chassis").detachAppender(test);
        assertThat(lines.enabled()).isTrue();
    }

    @Test
    @Timeout(20)
    void dropsAndCountsWhatDoesNotFitWhileTheOutputIsStuckAndNeverWaitsForIt() throws Exception {
        CountDownLatch unstick = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                try {
                    unstick.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (written) {
                    written.write(bytes, offset, length);
                }
            }
        };
        AccessLines small =
                new AccessLines(captured.context(), StdoutAppender.to(stuck), ServiceIdentity.UNKNOWN, 64 * 1024);

        int total = 5_000; // ~1.2 MB of lines: far more than two chunks of 64 KiB
        for (int i = 0; i < total; i++) {
            small.write(line("r-" + i, "agent", Map.of()));
        }
        assertThat(small.appended()).isEqualTo(total);
        assertThat(small.dropped()).isPositive().isLessThan(total);
        assertThat(small.awaitWritten(Duration.ofMillis(50))).isFalse();

        unstick.countDown();
        assertThat(small.awaitWritten(Duration.ofSeconds(10))).isTrue();
        String text;
        synchronized (written) {
            text = written.toString(StandardCharsets.UTF_8);
        }
        List<String> ids = new ArrayList<>();
        for (String one : text.split("\n")) {
            ids.add(JSON.readTree(one).path("request_id").asText()); // every line whole
        }
        assertThat(ids)
                .hasSize((int) (total - small.dropped()))
                .doesNotHaveDuplicates()
                .startsWith("r-0");
        small.close();
    }

    @Test
    void afterDrainAndWriteThroughEachLineIsWrittenBeforeWriteReturns() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLines direct =
                new AccessLines(captured.context(), StdoutAppender.to(out), ServiceIdentity.UNKNOWN, 65_536);
        direct.write(line("queued", null, Map.of()));
        assertThat(direct.drainAndWriteThrough(Duration.ofSeconds(10))).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"queued\"");

        direct.write(line("direct", null, Map.of()));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"direct\"").endsWith("\n");
        direct.close();
    }

    @Test
    void aLineForAStoppedOutputIsCountedAsDroppedAndNothingIsThrown() {
        captured.close(); // stops the appenders: the access lines are written out, the stream let go

        lines.write(line("late", null, Map.of()));

        assertThat(lines.appended()).isEqualTo(1);
        assertThat(lines.dropped()).isEqualTo(1);
    }
}
