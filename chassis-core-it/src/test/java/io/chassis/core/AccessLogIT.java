package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import io.chassis.testing.TestService;
import java.util.HashMap;
import java.util.Map;
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
}
