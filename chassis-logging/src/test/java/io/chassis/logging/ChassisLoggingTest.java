package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Exercises the process-wide logging set up by logback's SPI start-up in this test JVM. */
class ChassisLoggingTest {

    @Test
    void configureRewiresTheRunningLoggingFromAnApplicationsConfig() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {

            boolean applied = ChassisLogging.configure(TestLogging.config(Map.of(
                    "chassis.logging.format", "text", "chassis.logging.levels", Map.of("io.chassis.quiet", "error"))));
            LoggerFactory.getLogger("io.chassis.app").info("now in text");
            LoggerFactory.getLogger("io.chassis.quiet").warn("filtered");

            assertThat(applied).isTrue();
            assertThat(ChassisLogging.flush(Duration.ofSeconds(10))).isTrue();
        } finally {
            ChassisLogging.configure(TestLogging.config(Map.of()));
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains(" INFO  [main] io.chassis.app - now in text")
                .doesNotContain("filtered");
        assertThat(ChassisLogging.droppedEvents()).isZero();
    }

    @Test
    void configureWithTheServicesIdentityPutsItsNameAndVersionInEveryJsonLine() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {

            ChassisLogging.configure(TestLogging.config(Map.of()), "orders", "1.4.2");
            LoggerFactory.getLogger("io.chassis.app").info("with identity");

            assertThat(ChassisLogging.flush(Duration.ofSeconds(10))).isTrue();
        } finally {
            ChassisLogging.configure(TestLogging.config(Map.of()));
            System.setOut(original);
        }
        JsonNode line = new ObjectMapper()
                .readTree(captured.toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(each -> each.contains("with identity"))
                        .findFirst()
                        .orElseThrow());
        assertThat(line.path("service").asText()).isEqualTo("orders");
        assertThat(line.path("version").asText()).isEqualTo("1.4.2");
    }
}
