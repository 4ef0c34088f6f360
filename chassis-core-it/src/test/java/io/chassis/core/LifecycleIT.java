package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chassis.core.spi.ChassisModule;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The application's start and stop tasks ({@code app.lifecycle().onStart/onStop}) around modules and requests. */
class LifecycleIT {

    final List<String> events = new CopyOnWriteArrayList<>();

    static ChassisBuilder service() {
        return Chassis.builder().name("test-service").version("1.2.3").discoverModules(false);
    }

    ChassisModule recording(String name) {
        return new ChassisModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void startTasksRunAfterModulesStartedAndBeforeThePortOpens() throws Exception {
        int port = freePort();
        // not TestService.start: its ephemeral port would replace the fixed one the task probes
        ChassisBuilder builder = TestService.onLoopback(service())
                .http(h -> h.port(port))
                .module(recording("a"))
                .configure(app -> {
                    app.lifecycle().onStart(() -> {
                        events.add("start task, port " + (RawHttp.refused(port) ? "closed" : "open") + ", ready "
                                + app.health().readiness().isReady());
                    });
                    app.http().get("/events", ctx -> List.copyOf(events));
                })
                .module(recording("b"));

        try (TestService service = TestService.of(builder.start())) {
            assertThat(events).containsExactly("start a", "start b", "start task, port closed, ready false");
            service.http().get("/events").send().expectStatus(200);
            assertThat(service.app().readiness().isReady()).isTrue();
        }
    }

    @Test
    void stopTasksRunAfterInFlightRequestsFinishedAndBeforeModulesStop() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChassisBuilder builder = service()
                .configOverride("chassis.shutdown.grace-period", "20s")
                .module(recording("a"))
                .configure(app -> {
                    app.lifecycle().onStop(() -> events.add("stop task"));
                    app.http().get("/slow", ctx -> {
                        entered.countDown();
                        release.await(20, TimeUnit.SECONDS);
                        events.add("request finished");
                        return "done";
                    });
                })
                .module(recording("b"));

        try (TestService service = TestService.start(builder)) {
            int port = service.http().port();
            CompletableFuture<TestResponse> slow = service.http().get("/slow").sendAsync();
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::close);
            await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.refused(port));
            assertThat(events).as("nothing stops while a request is in flight").containsExactly("start a", "start b");
            release.countDown();

            slow.get(10, TimeUnit.SECONDS).expectStatus(200);
            stopping.get(10, TimeUnit.SECONDS);
        }
        assertThat(events).containsExactly("start a", "start b", "request finished", "stop task", "stop b", "stop a");
    }

    @Test
    void aFailingStopTaskIsLoggedAndTheModulesStillStop() {
        ChassisBuilder builder = service().module(recording("a")).configure(app -> app.lifecycle()
                .onStop(() -> {
                    events.add("stop task");
                    throw new IllegalStateException("pool already closed");
                }));

        TestService.start(builder).close();

        assertThat(events).containsExactly("start a", "stop task", "stop a");
    }

    @Test
    void aFailingStartTaskStopsTheStartedModulesAndFailsStart() {
        ChassisBuilder builder = service()
                .module(recording("a"))
                .module(recording("b"))
                .configure(app -> app.lifecycle().onStart(() -> {
                    events.add("start task");
                    throw new IOException("no cache server");
                }));

        assertThatThrownBy(() -> TestService.start(builder))
                .isInstanceOf(ChassisStartupException.class)
                .hasMessageContaining("no cache server")
                .hasCauseInstanceOf(IOException.class);
        assertThat(events).containsExactly("start a", "start b", "start task", "stop b", "stop a");
    }

    /**
     * Lifecycle.onStop's contract: a stop task is owed once the start tasks added before it ran, so
     * the pool opened by the first task is closed when a later start task fails.
     */
    @Test
    void aFailingStartTaskRunsTheStopTasksOfTheStartTasksThatRanBeforeIt() {
        ChassisBuilder builder = service().module(recording("a")).configure(app -> app.lifecycle()
                .onStart(() -> events.add("open pool"))
                .onStop(() -> events.add("close pool"))
                .onStart(() -> {
                    throw new IOException("no cache server");
                })
                .onStop(() -> events.add("close cache")));

        assertThatThrownBy(() -> TestService.start(builder)).isInstanceOf(ChassisStartupException.class);
        assertThat(events).containsExactly("start a", "open pool", "close pool", "stop a");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
