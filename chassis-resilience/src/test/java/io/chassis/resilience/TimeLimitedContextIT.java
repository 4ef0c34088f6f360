package io.chassis.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.testing.TestClock;
import io.chassis.testing.TestService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A time-limited attempt runs on another thread; it must still see the caller's MDC and whatever
 * other modules propagate (tracing's active span), and leave that thread clean.
 */
class TimeLimitedContextIT {

    /** Stands in for a module's thread-bound context, such as the active span. */
    static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    record Seen(String thread, String mdc, String tenant) {}

    final Downstream downstream = new Downstream(new TestClock());
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    TestService service;

    /** Propagates {@link #TENANT} like tracing propagates its span, and records what each client attempt sees. */
    final class TenantModule implements ChassisModule {

        @Override
        public String name() {
            return "test-tenant";
        }

        @Override
        public void configure(ModuleContext context) {
            context.addContextPropagator(() -> {
                String tenant = TENANT.get();
                return () -> {
                    String previous = TENANT.get();
                    TENANT.set(tenant);
                    return () -> TENANT.set(previous);
                };
            });
            context.addClientInterceptor(chain -> {
                seen.add(new Seen(Thread.currentThread().getName(), MDC.get("caller"), TENANT.get()));
                return chain.proceed(chain.request());
            });
        }
    }

    @BeforeEach
    void start() {
        service = TestService.start(Chassis.builder()
                .name("caller")
                .http(h -> h.set("access-log.enabled", false))
                .module(new TenantModule())
                .configOverride("chassis.clients.limited.base-url", downstream.baseUrl())
                .configOverride("chassis.clients.limited.resilience.time-limiter", "limited")
                .configOverride("chassis.clients.limited.resilience.retry", "none")
                .configOverride("chassis.resilience.time-limiter.limited.timeout-duration", "10s"));
    }

    @AfterEach
    void stop() {
        service.close();
        downstream.close();
        MDC.clear();
        TENANT.remove();
    }

    @Test
    void attemptSeesTheCallersContextOnItsOwnThreadAndLeavesItClean() throws Exception {
        MDC.put("caller", "order-7");
        TENANT.set("acme");
        service.app().clients().http("limited").get("/report").send(); // throws on a non-2xx answer

        MDC.clear();
        TENANT.remove();
        service.app().clients().http("limited").get("/report").send(); // throws on a non-2xx answer

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).thread()).startsWith("chassis-time-limited-");
        assertThat(seen.get(0)).extracting(Seen::mdc, Seen::tenant).containsExactly("order-7", "acme");
        assertThat(seen.get(1)).extracting(Seen::mdc, Seen::tenant).containsExactly(null, null);
    }
}
