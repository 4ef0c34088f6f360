package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.config.ChassisConfig;
import io.chassis.logging.internal.LogbackWiring;
import io.chassis.logging.internal.ServiceIdentity;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * A private logback context wired exactly as in production (real encoders, real async appender),
 * but writing into memory instead of stdout.
 */
public final class TestLogging implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final DropCountingAsyncAppender async;

    private TestLogging(LoggingSettings settings, ServiceIdentity identity) {
        context.setName("test");
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.start();
        async = LogbackWiring.install(context, settings, identity, out);
    }

    /** Wires from config built of reference.conf plus {@code overrides}, isolated from env. */
    public static TestLogging withConfig(Map<String, ?> overrides) {
        return withConfig(config(overrides));
    }

    /** Wires from an already loaded config. */
    public static TestLogging withConfig(ChassisConfig config) {
        return new TestLogging(
                LoggingSettings.from(config.config()), ServiceIdentity.from(config.config(), config.profiles()));
    }

    /** Loads a config of reference.conf plus {@code overrides}, ignoring the real environment. */
    public static ChassisConfig config(Map<String, ?> overrides) {
        return ChassisConfig.loader()
                .environment(Map.of())
                .systemProperties(new Properties())
                .overrides(new HashMap<>(overrides))
                .load();
    }

    public LoggerContext context() {
        return context;
    }

    public Logger logger(String name) {
        return context.getLogger(name);
    }

    /** Everything written so far, after waiting for the async queue to drain. */
    public String output() {
        assertThat(async.awaitDrained(Duration.ofSeconds(10))).isTrue();
        assertThat(ChassisLogging.flushAccessLines(context, Duration.ofSeconds(10)))
                .isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The lines written so far. */
    public List<String> lines() {
        String text = output();
        if (text.isEmpty()) {
            return List.of();
        }
        assertThat(text).endsWith("\n");
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** The lines written so far, each parsed as one JSON object. */
    public List<JsonNode> jsonLines() {
        return lines().stream().map(TestLogging::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
