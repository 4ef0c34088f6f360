package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.http.Context;
import io.chassis.core.http.Handler;
import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * chassis.http.dispatch.mode=adaptive over real HTTP: which thread ran each call is what the handler
 * reports about itself.
 */
class AdaptiveDispatchIT {

    /** Enough calls for a quick route to be learned even while the test JVM still interprets it. */
    private static final int ENOUGH = 3000;

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(() -> Chassis.builder()
            .name("dispatch-test")
            .discoverModules(false)
            .configOverride("chassis.http.dispatch.learning-calls", 20)
            .configOverride("chassis.http.dispatch.io-thread-budget", "10ms")
            .configure(a -> a.http()
                    .get("/quick", AdaptiveDispatchIT::where)
                    .get("/sleeps", ctx -> {
                        Thread.sleep(1);
                        return where(ctx);
                    })
                    .get("/marked", Handler.blocking(AdaptiveDispatchIT::where))
                    .get("/sometimes", ctx -> {
                        if (ctx.queryParam("sleep").isPresent()) {
                            Thread.sleep(200);
                        }
                        return where(ctx);
                    })));

    private static Map<String, Boolean> where(Context ctx) {
        return Map.of("io", ctx.unsafeExchange().isInIoThread());
    }

    private static boolean onIoThread(String path) {
        String body = app.http().get(path).send().expectStatus(200).body();
        return body.contains("\"io\":true");
    }

    /** @return the call (1-based) that first ran on the IO thread, or 0 */
    private static int callsUntilIoThread(String path) {
        for (int i = 1; i <= ENOUGH; i++) {
            if (onIoThread(path)) {
                return i;
            }
        }
        return 0;
    }

    @Test
    void aQuickRouteStartsOnTheWorkerPoolAndMovesToTheIoThread() {
        assertThat(onIoThread("/quick")).as("first call").isFalse();
        int moved = callsUntilIoThread("/quick");

        assertThat(moved).as("call that ran on the IO thread").isPositive();
        for (int i = 0; i < 20; i++) {
            assertThat(onIoThread("/quick")).as("call after the move").isTrue();
        }
    }

    @Test
    void aRouteThatWaitsStaysOnTheWorkerPool() {
        for (int i = 0; i < 300; i++) {
            assertThat(onIoThread("/sleeps")).as("call %d", i).isFalse();
        }
    }

    @Test
    void aRouteMarkedBlockingIsNeverMoved() {
        assertThat(callsUntilIoThread("/marked")).isZero();
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21) // RoutingIT checks the refusal before
    void withVirtualThreadsOnlyTheObservedCallOfALearningRouteRunsOnThePool() throws Exception {
        ChassisBuilder builder = Chassis.builder()
                .name("dispatch-vt-test")
                .discoverModules(false)
                .configOverride("chassis.http.virtual-threads", true)
                .configure(a -> a.http().get("/waits", ctx -> {
                    Thread.sleep(300);
                    return Map.of("virtual", Thread.currentThread().toString().startsWith("VirtualThread"));
                }));
        int calls = 8;
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try (TestService vt = TestService.start(builder)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(callers.submit(
                        () -> vt.http().get("/waits").send().expectStatus(200).body()));
            }
            int virtual = 0;
            for (Future<String> answer : answers) {
                virtual += answer.get(10, TimeUnit.SECONDS).contains("\"virtual\":true") ? 1 : 0;
            }
            // at once: one is observed on the worker pool, the others keep the virtual threads' capacity
            assertThat(virtual).isGreaterThanOrEqualTo(calls - 1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aRouteThatBlocksTheIoThreadIsMovedBackToTheWorkerPool() {
        assertThat(callsUntilIoThread("/sometimes"))
                .as("call that ran on the IO thread")
                .isPositive();

        // held for 200 ms, while the watch looks every 5 ms: moved off during the call
        assertThat(onIoThread("/sometimes?sleep=1"))
                .as("the blocking call itself")
                .isTrue();

        assertThat(onIoThread("/sometimes")).as("the call after it").isFalse();
    }
}
