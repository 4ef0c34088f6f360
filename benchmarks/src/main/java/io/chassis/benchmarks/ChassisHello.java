package io.chassis.benchmarks;

import io.chassis.core.Chassis;
import io.chassis.core.http.Handler;
import java.util.Map;

/**
 * The chassis side of the benchmark: the same JSON hello as {@link BareUndertow}, with metrics, request
 * ids and the access log on, as a service would run, on three routes: {@code /hello} as a service
 * author writes it (unmarked: adaptive dispatch moves it to the IO thread once learned), {@code
 * /hello-blocking} marked blocking (every call handed to the worker pool) and {@code /hello-nb} marked
 * non-blocking (always on the IO thread).
 *
 * <p>Tracing (chassis-tracing-otel) is off unless the second argument is {@code traced}: then every
 * request is sampled and exported over OTLP to a closed local port, so the cost measured is span
 * creation, propagation, MDC and the export queue, with every export failing fast (and counted).
 *
 * <p>Usage: {@code ChassisHello <port> [traced]}
 */
public final class ChassisHello {

    private ChassisHello() {}

    public static void main(String[] args) {
        boolean traced = args.length > 1 && args[1].equals("traced");
        Chassis.builder()
                .configOverride("chassis.tracing.enabled", traced)
                .configOverride("chassis.tracing.sampler.type", "always")
                .configOverride("chassis.tracing.reporter.otlp.endpoint", "http://127.0.0.1:1/v1/traces")
                .name("bench")
                .version("1")
                .http(h -> h.port(Integer.parseInt(args[0])).host("127.0.0.1"))
                .admin(a -> a.port(0).host("127.0.0.1"))
                .configOverride("chassis.shutdown.drain-delay", "0s")
                .configure(app -> app.http()
                        .get("/hello", ctx -> Map.of("message", "hello"))
                        .get("/hello-blocking", Handler.blocking(ctx -> Map.of("message", "hello")))
                        .get("/hello-nb", Handler.nonBlocking(ctx -> Map.of("message", "hello"))))
                .start();
    }
}
