package io.chassis.testing;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The service the kit's own tests talk to: one route per thing a test checks. */
final class KitService {

    /** Released when a test is done with {@code /hang}. */
    static final CountDownLatch HANG = new CountDownLatch(1);

    private KitService() {}

    static ChassisBuilder builder() {
        return Chassis.builder().name("kit-test").version("1.2.3").discoverModules(false);
    }

    /**
     * @param together how many requests {@code /together} waits for before any of them answers
     * @return a builder with every route of the kit's tests
     */
    static ChassisBuilder withRoutes(CountDownLatch together) {
        return builder().configure(app -> {
            app.http()
                    .get("/hello", ctx -> {
                        ctx.responseHeader("X-Greeting", "hi");
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("message", "hi");
                        body.put("count", 3);
                        body.put("ok", true);
                        body.put("items", List.of(Map.of("name", "a")));
                        body.put("nothing", null);
                        return body;
                    })
                    .get("/text", ctx -> ctx.result("text/plain; charset=utf-8", "plain text, not JSON"))
                    .get("/empty", ctx -> null)
                    .get("/header", ctx -> Map.of("value", ctx.header("X-Test").orElse("")))
                    .get("/hang", ctx -> Map.of("released", HANG.await(30, TimeUnit.SECONDS)))
                    .get("/together", ctx -> {
                        together.countDown();
                        return Map.of("together", together.await(10, TimeUnit.SECONDS));
                    });
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
                app.http().add(method, "/echo", ctx -> {
                    ctx.responseHeader("X-Method", ctx.method());
                    return ctx.result(
                            ctx.header("Content-Type").orElse("text/plain"),
                            new String(ctx.bodyBytes(), StandardCharsets.UTF_8));
                });
            }
            app.http().head("/head", ctx -> {
                ctx.responseHeader("X-Method", ctx.method());
                return Map.of("head", true);
            });
            app.admin().get("/kit", ctx -> Map.of("admin", true));
        });
    }
}
