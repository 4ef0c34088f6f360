package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chassis.config.ChassisConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JsonFormatTest {

    private static final Map<String, Object> IDENTITY = Map.of(
            "chassis.service.name", "orders",
            "chassis.service.version", "1.4.2",
            "chassis.logging.format", "json");

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void writesStandardFieldsAndServiceIdentityOnOneLine() {
        try (TestLogging logging = TestLogging.withConfig(IDENTITY)) {

            logging.logger("io.chassis.demo.Orders").info("order {} placed", 42);

            List<JsonNode> lines = logging.jsonLines();
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("logger").asText()).isEqualTo("io.chassis.demo.Orders");
            assertThat(line.path("thread").asText())
                    .isEqualTo(Thread.currentThread().getName());
            assertThat(line.path("message").asText()).isEqualTo("order 42 placed");
            assertThat(line.path("service").asText()).isEqualTo("orders");
            assertThat(line.path("version").asText()).isEqualTo("1.4.2");
        }
    }

    @Test
    void writesTheActiveProfiles() {
        Properties systemProperties = new Properties();
        systemProperties.setProperty("chassis.profile", "dev,local");
        ChassisConfig config = ChassisConfig.loader()
                .environment(Map.of())
                .systemProperties(systemProperties)
                .load();
        try (TestLogging logging = TestLogging.withConfig(config)) {

            logging.logger("x").info("hello");

            assertThat(logging.jsonLines().get(0).path("profile").asText()).isEqualTo("dev,local");
        }
    }

    @Test
    void omitsServiceFieldsThatAreNotConfigured() {
        try (TestLogging logging = TestLogging.withConfig(Map.of())) {

            logging.logger("x").info("hello");

            JsonNode line = logging.jsonLines().get(0);
            assertThat(line.has("service")).isFalse();
            assertThat(line.has("version")).isFalse();
            assertThat(line.has("profile")).isFalse();
            assertThat(line.path("message").asText()).isEqualTo("hello");
        }
    }

    @Test
    void writesRequestTraceAndSpanIdsFromTheMdc() {
        try (TestLogging logging = TestLogging.withConfig(IDENTITY)) {
            MDC.put(LogFields.REQUEST_ID, "req-1");
            MDC.put(LogFields.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736");
            MDC.put(LogFields.SPAN_ID, "00f067aa0ba902b7");

            logging.logger("x").info("traced");

            JsonNode line = logging.jsonLines().get(0);
            assertThat(line.path("request_id").asText()).isEqualTo("req-1");
            assertThat(line.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(line.path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        }
    }

    @Test
    void omitsTraceAndSpanIdsWhenNotInTheMdc() {
        try (TestLogging logging = TestLogging.withConfig(IDENTITY)) {
            MDC.put(LogFields.REQUEST_ID, "req-2");

            logging.logger("x").info("untraced");

            JsonNode line = logging.jsonLines().get(0);
            assertThat(line.path("request_id").asText()).isEqualTo("req-2");
            assertThat(line.has("trace_id")).isFalse();
            assertThat(line.has("span_id")).isFalse();
        }
    }

    @Test
    void writesStackTraceOfALoggedException() {
        try (TestLogging logging = TestLogging.withConfig(IDENTITY)) {

            logging.logger("x").error("failed", new IllegalStateException("boom"));

            JsonNode line = logging.jsonLines().get(0);
            assertThat(line.path("level").asText()).isEqualTo("ERROR");
            assertThat(line.path("message").asText()).isEqualTo("failed");
            assertThat(line.path("stack_trace").asText())
                    .startsWith("java.lang.IllegalStateException: boom")
                    .contains("JsonFormatTest");
        }
    }

    @Test
    void writesKeyValuePairsAsTopLevelFields() {
        try (TestLogging logging = TestLogging.withConfig(IDENTITY)) {

            logging.logger("chassis.access")
                    .atInfo()
                    .addKeyValue("method", "GET")
                    .addKeyValue("path", "/orders/7")
                    .addKeyValue("status", 200)
                    .addKeyValue("duration_ms", 12.5)
                    .log("access");

            JsonNode line = logging.jsonLines().get(0);
            assertThat(line.path("logger").asText()).isEqualTo("chassis.access");
            assertThat(line.path("method").asText()).isEqualTo("GET");
            assertThat(line.path("path").asText()).isEqualTo("/orders/7");
            assertThat(line.path("status").isInt()).isTrue();
            assertThat(line.path("status").asInt()).isEqualTo(200);
            assertThat(line.path("duration_ms").asDouble()).isEqualTo(12.5);
        }
    }

    @Test
    void escapesCarriageReturnAndLineFeedSoAMessageStaysOneLine() {
        String forged = "login failed\r\n{\"level\":\"INFO\",\"message\":\"admin logged in\"}\u0000\u2028end";
        try (TestLogging logging = TestLogging.withConfig(IDENTITY)) {
            MDC.put(LogFields.REQUEST_ID, "a\nb");

            logging.logger("x").warn(forged);

            List<String> raw = logging.lines();
            assertThat(raw).hasSize(1);
            assertThat(raw.get(0)).doesNotContain("\r").doesNotContain("\u0000");
            JsonNode line = logging.jsonLines().get(0);
            assertThat(line.path("message").asText()).isEqualTo(forged);
            assertThat(line.path("request_id").asText()).isEqualTo("a\nb");
        }
    }
}
