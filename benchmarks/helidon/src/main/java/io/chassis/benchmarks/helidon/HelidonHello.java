package io.chassis.benchmarks.helidon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import java.util.Map;

/**
 * The Helidon SE 4 peer: the same JSON hello as the chassis' {@code /hello} (a map serialised by Jackson
 * on every request), on Helidon's virtual-thread web server, with its health observer on.
 *
 * <p>Usage: {@code HelidonHello <port>}
 */
public final class HelidonHello {

    private HelidonHello() {}

    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper();
        WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.create())
                        .build())
                .routing(routing -> routing.get("/hello", (request, response) -> {
                    response.header(HeaderNames.CONTENT_TYPE, "application/json");
                    response.send(json.writeValueAsBytes(Map.of("message", "hello")));
                }))
                .build()
                .start();
    }
}
