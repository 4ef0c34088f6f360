package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.client.ClientTimeoutException;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.testing.TestService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A named HTTP client waits no longer than the current work's deadline (e.g. a gRPC call's). */
class DeadlineSourceIT {

    /** The deadline of the work on this thread, as a transport module would know it. */
    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    /** Contributes the deadline of {@link #DEADLINE_NANOS}. */
    static final class DeadlineModule implements ChassisModule {
        @Override
        public String name() {
            return "deadlines";
        }

        @Override
        public void configure(ModuleContext context) {
            context.addDeadlineSource(() ->
                    Optional.ofNullable(DEADLINE_NANOS.get()).map(at -> Duration.ofNanos(at - System.nanoTime())));
        }
    }

    @Test
    void aClientCallIsCutAtTheCallersDeadlineAndNotSentOnceItPassed() {
        try (TestService slow = TestService.start(
                        Chassis.builder().name("slow").discoverModules(false).configure(app -> app.http()
                                .get("/slow", ctx -> {
                                    Thread.sleep(3_000);
                                    return Map.of();
                                })));
                TestService caller = TestService.start(Chassis.builder()
                        .name("caller")
                        .discoverModules(false)
                        .module(new DeadlineModule())
                        .configOverride(
                                "chassis.clients.slow.base-url",
                                "http://127.0.0.1:" + slow.app().httpPort())
                        .configOverride("chassis.clients.slow.request-timeout", "10s"))) {
            ChassisHttpClient client = caller.app().clients().http("slow");

            // the handler answers after 3 s, well within the client's own 10 s: only the deadline cuts it
            DEADLINE_NANOS.set(System.nanoTime() + Duration.ofMillis(300).toNanos());
            assertThatThrownBy(() -> client.get("/slow").send()).isInstanceOf(ClientTimeoutException.class);

            DEADLINE_NANOS.set(System.nanoTime() - 1);
            assertThatThrownBy(() -> client.get("/slow").send())
                    .isInstanceOf(ClientTimeoutException.class)
                    .hasMessageContaining("deadline has passed");
            DEADLINE_NANOS.remove();

            assertThat(client.get("/slow").send(Map.class)).isEmpty();
        }
    }
}
