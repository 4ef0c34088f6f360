package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TextFormatTest {

    private static final Map<String, Object> TEXT = Map.of("chassis.logging.format", "text");

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void writesAReadableLineWithLevelThreadLoggerAndMessage() {
        try (TestLogging logging = TestLogging.withConfig(TEXT)) {

            logging.logger("io.chassis.demo.Orders").info("order {} placed", 42);

            List<String> lines = logging.lines();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0))
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+] \\S+ - order 42 placed")
                    .contains("[" + Thread.currentThread().getName() + "]")
                    .contains(" io.chassis.demo.Orders - ")
                    .doesNotStartWith("{");
        }
    }

    @Test
    void showsTheRequestIdWhenPresentAndNothingWhenAbsent() {
        try (TestLogging logging = TestLogging.withConfig(TEXT)) {

            logging.logger("x").info("without");
            MDC.put(LogFields.REQUEST_ID, "req-7");
            logging.logger("x").info("with");

            List<String> lines = logging.lines();
            assertThat(lines.get(0)).endsWith(" x - without").doesNotContain("request_id");
            assertThat(lines.get(1)).endsWith(" x [request_id=req-7] - with");
        }
    }

    @Test
    void appendsKeyValuePairsAfterTheMessage() {
        try (TestLogging logging = TestLogging.withConfig(TEXT)) {

            logging.logger("chassis.access")
                    .atInfo()
                    .addKeyValue("method", "GET")
                    .addKeyValue("status", 200)
                    .log("access");

            assertThat(logging.lines().get(0)).endsWith(" - access method=GET status=200");
        }
    }

    @Test
    void keepsAMessageWithCarriageReturnAndLineFeedOnOneLine() {
        try (TestLogging logging = TestLogging.withConfig(TEXT)) {
            MDC.put(LogFields.REQUEST_ID, "r1\r\nINFO forged");

            logging.logger("x")
                    .atWarn()
                    .addKeyValue("user", "bob\nERROR forged")
                    .log("login failed\r\n2024-01-01 00:00:00.000 INFO  [main] x - admin logged in\u0007");

            List<String> lines = logging.lines();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0))
                    .doesNotContain("\r")
                    .contains("[request_id=r1\\r\\nINFO forged]")
                    .contains("login failed\\r\\n2024-01-01 00:00:00.000 INFO  [main] x - admin logged in\\u0007")
                    .endsWith("user=bob\\nERROR forged");
        }
    }

    @Test
    void writesTheStackTraceAfterTheLine() {
        try (TestLogging logging = TestLogging.withConfig(TEXT)) {

            logging.logger("x").error("failed", new IllegalStateException("boom"));

            List<String> lines = logging.lines();
            assertThat(lines.get(0)).endsWith(" - failed");
            assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: boom");
            assertThat(lines.get(2)).contains("TextFormatTest");
        }
    }
}
