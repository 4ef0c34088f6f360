package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.spi.ContextPropagator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextPropagationTest {

    static final ThreadLocal<String> VALUE = new ThreadLocal<>();
    final List<String> events = new ArrayList<>();
    final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        other.shutdownNow();
        VALUE.remove();
    }

    /** Records its steps under {@code name}; carries {@link #VALUE} only when {@code carries}. */
    ContextPropagator recording(String name, boolean carries) {
        return () -> {
            events.add(name + " capture");
            String captured = VALUE.get();
            return () -> {
                events.add(name + " restore");
                String previous = VALUE.get();
                if (carries) {
                    VALUE.set(captured);
                }
                return () -> {
                    events.add(name + " close");
                    VALUE.set(previous);
                };
            };
        };
    }

    @Test
    void capturesOnTheHandingThreadRestoresInOrderAndClosesInReverse() throws Exception {
        ContextPropagation propagation = new ContextPropagation(List.of(recording("a", true)));
        propagation.add(recording("b", false));
        VALUE.set("request-1");

        Callable<String> task = propagation.wrap(() -> {
            events.add("run");
            return VALUE.get();
        });
        VALUE.set("changed after wrapping");
        Future<String> result = other.submit(task);

        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("request-1");
        assertThat(events)
                .containsExactly("a capture", "b capture", "a restore", "b restore", "run", "b close", "a close");
        assertThat(other.submit(VALUE::get).get(10, TimeUnit.SECONDS))
                .as("the other thread got its own value back")
                .isNull();
    }

    @Test
    void closesEvenWhenTheTaskThrows() throws Exception {
        ContextPropagation propagation = new ContextPropagation(List.of(recording("a", true)));
        VALUE.set("request-2");
        Runnable failing = propagation.wrap((Runnable) () -> {
            throw new IllegalStateException("boom");
        });

        Future<?> result = other.submit(failing);

        assertThat(result).failsWithin(10, TimeUnit.SECONDS);
        assertThat(events).endsWith("a close");
        assertThat(other.submit(VALUE::get).get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void wrappedExecutorCarriesTheSubmittersContextPerTask() throws Exception {
        ContextPropagation propagation = new ContextPropagation(List.of(recording("a", true)));
        List<String> seen = new ArrayList<>();
        var executor = propagation.wrap((java.util.concurrent.Executor) other);

        VALUE.set("first");
        executor.execute(() -> seen.add(VALUE.get()));
        VALUE.set("second");
        executor.execute(() -> seen.add(VALUE.get()));
        other.submit(() -> {}).get(10, TimeUnit.SECONDS); // single thread: runs after both

        assertThat(seen).containsExactly("first", "second");
    }
}
