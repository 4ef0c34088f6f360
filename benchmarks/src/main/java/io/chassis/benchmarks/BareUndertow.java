package io.chassis.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The baseline: the same JSON hello route on a bare Undertow handler, no chassis. {@code io} answers
 * on the IO thread; {@code dispatch} hands each request to the worker pool first, as a blocking
 * handler must.
 *
 * <p>Usage: {@code BareUndertow <port> [io|dispatch]}
 */
public final class BareUndertow {

    private BareUndertow() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        boolean dispatch = args.length < 2 || args[1].equals("dispatch");
        ObjectMapper mapper = new ObjectMapper();
        HttpHandler hello = exchange -> {
            byte[] body = mapper.writeValueAsBytes(Map.of("message", "hello"));
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        };
        HttpHandler root = dispatch
                ? exchange -> {
                    if (exchange.isInIoThread()) {
                        exchange.dispatch(hello);
                    } else {
                        hello.handleRequest(exchange);
                    }
                }
                : hello;
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(root)
                .build()
                .start();
        System.out.println("bare undertow (" + (dispatch ? "dispatch" : "io") + ") on port " + port);
    }
}
