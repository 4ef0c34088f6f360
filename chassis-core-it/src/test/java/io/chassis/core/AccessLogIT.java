package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import io.chassis.core.spi.AccessLogWriter;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.testing.TestService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class AccessLogIT {

    final Logger logger = (Logger) LoggerFactory.getLogger("chassis.access");
    final CapturedLines logged = new CapturedLines();

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    @BeforeEach
    void attach() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(logged);
    }

    @Test
    void logsOneLineWithKeyValuesAndTheRequestIdExactlyOncePerRequest() throws Exception {
        try (TestService service =
                TestService.start(service().configure(app -> app.http().get("/orders/{id}", ctx -> "x")))) {
            service.http()
                    .get("/orders/7")
                    .header("X-Request-Id", "log-1")
                    .header("User-Agent", "probe/1")
                    .send()
                    .expectStatus(200);
        }

        assertThat(logged.list).hasSize(1);
        Map<String, Object> kv = new HashMap<>();
        for (KeyValuePair pair : logged.list.get(0).getKeyValuePairs()) {
            kv.put(pair.key, pair.value);
        }
        assertThat(kv)
                .containsEntry("method", "GET")
                .containsEntry("path", "/orders/7")
                .containsEntry("route", "/orders/{id}")
                .containsEntry("status", 200)
                .containsEntry("bytes", 3L)
                .containsEntry("remote", "127.0.0.1")
                .containsEntry("user_agent", "probe/1")
                .containsKey("duration_ms");
        Object fromPairs = kv.get("request_id");
        String fromMdc = logged.list.get(0).getMDCPropertyMap().get("request_id");
        assertThat(fromPairs == null || fromMdc == null)
                .as("request_id carried once")
                .isTrue();
        assertThat(fromPairs != null ? fromPairs : fromMdc).isEqualTo("log-1");
    }

    @Test
    void canBeSwitchedOff() throws Exception {
        try (TestService service = TestService.start(service()
                .configOverride("chassis.http.access-log.enabled", false)
                .configure(app -> app.http().get("/x", ctx -> "x")))) {
            service.http().get("/x").send().expectStatus(200);
        }

        assertThat(logged.list).isEmpty();
    }

    /** A module's writer, recording what core hands it; {@code takes} is its answer to {@code enabled()}. */
    static final class RecordingWriter implements AccessLogWriter {
        final List<Line> lines = new CopyOnWriteArrayList<>();
        volatile boolean takes = true;

        @Override
        public boolean enabled() {
            return takes;
        }

        @Override
        public void write(Line line) {
            lines.add(line);
        }
    }

    static ChassisBuilder withWriter(RecordingWriter writer) {
        return service().module(new ChassisModule() {
            @Override
            public String name() {
                return "access-writer";
            }

            @Override
            public void configure(ModuleContext context) {
                context.setAccessLogWriter(writer);
            }
        });
    }

    @Test
    void aModulesWriterGetsEachLineInsteadOfSlf4jWithTheFiltersMdcEntries() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        try (TestService service = TestService.start(withWriter(writer).configure(app -> app.http()
                .filter((ctx, next) -> {
                    ctx.mdc("trace_id", "t-1").mdc("span_id", "s-1");
                    return next.proceed();
                })
                .get("/orders/{id}", ctx -> "x")))) {
            service.http()
                    .get("/orders/7")
                    .header("X-Request-Id", "log-2")
                    .header("User-Agent", "probe/2")
                    .send()
                    .expectStatus(200);
            service.http().get("/nowhere").send().expectStatus(404);
        }

        assertThat(logged.list).as("nothing through SLF4J").isEmpty();
        assertThat(writer.lines).hasSize(2);
        AccessLogWriter.Line line = writer.lines.get(0);
        assertThat(line.requestId()).isEqualTo("log-2");
        assertThat(line.method()).isEqualTo("GET");
        assertThat(line.path()).isEqualTo("/orders/7");
        assertThat(line.route()).isEqualTo("/orders/{id}");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(3);
        assertThat(line.durationMs()).isNotNegative();
        assertThat(line.remote()).isEqualTo("127.0.0.1");
        assertThat(line.userAgent()).isEqualTo("probe/2");
        assertThat(line.tlsPeer()).isNull();
        assertThat(line.context()).containsExactly(Map.entry("trace_id", "t-1"), Map.entry("span_id", "s-1"));
        AccessLogWriter.Line missing = writer.lines.get(1);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.route()).isNull();
        assertThat(missing.requestId()).isNotBlank();
    }

    @Test
    void aLineTheWriterDeclinesGoesThroughSlf4j() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        writer.takes = false;
        try (TestService service =
                TestService.start(withWriter(writer).configure(app -> app.http().get("/x", ctx -> "x")))) {
            service.http().get("/x").send().expectStatus(200);
            writer.takes = true;
            service.http().get("/x").send().expectStatus(200);
        }

        assertThat(logged.list).hasSize(1);
        assertThat(writer.lines).hasSize(1);
    }
}
