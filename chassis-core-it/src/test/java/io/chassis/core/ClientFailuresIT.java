package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.http.HttpProblem;
import io.chassis.testing.ClientWarmUp;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A named client's failure that escapes a handler is answered as the matching problem, not a 500. */
class ClientFailuresIT {

    private static TestService downstream;
    private static TestService caller;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        downstream = TestService.start(
                Chassis.builder().name("downstream").discoverModules(false).configure(app -> app.http()
                        .get("/broken", ctx -> {
                            throw new HttpProblem(503, "Service Unavailable", "down for maintenance");
                        })
                        .get("/missing", ctx -> {
                            throw HttpProblem.notFound("no such thing");
                        })
                        .get("/slow", ctx -> {
                            Thread.sleep(2_000);
                            return Map.of();
                        })));
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + downstream.app().httpPort();
        caller = TestService.start(Chassis.builder()
                .name("caller")
                .discoverModules(false)
                .configOverride("chassis.clients.down.base-url", base)
                .configOverride("chassis.clients.down.request-timeout", "300ms")
                .configOverride("chassis.clients.gone.base-url", "http://127.0.0.1:" + closedPort)
                .configOverride("chassis.http.retry-after", "7s")
                .configure(app -> {
                    ChassisHttpClient down = app.clients().http("down");
                    ChassisHttpClient gone = app.clients().http("gone");
                    app.http()
                            .get("/via/{path}", ctx -> down.get("/" + ctx.pathParam("path"))
                                    .send(Map.class))
                            .get("/gone", ctx -> gone.get("/anything").send(Map.class));
                }));
        // every /via call has the 300 ms timeout: a cold first connection would turn a 500 or 502 into a 504
        ClientWarmUp.untilAnswered(caller.app().clients().http("down"), "/missing", 404);
    }

    @AfterAll
    static void stop() {
        caller.close();
        downstream.close();
    }

    @Test
    void downstreamServerErrorIsBadGateway() {
        TestResponse response = caller.http().get("/via/broken").send();

        response.expectStatus(502)
                .expectContentType("application/problem+json")
                .expectJson("/title", "Bad Gateway")
                .expectJson("/status", 502);
        assertThat(response.json("/requestId")).isPresent();
        assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain("ClientResponseException");
    }

    @Test
    void unreachableDownstreamIsBadGateway() {
        caller.http().get("/gone").send().expectStatus(502).expectJson("/title", "Bad Gateway");
    }

    @Test
    void downstreamTimeoutIsGatewayTimeout() {
        caller.http()
                .get("/via/slow")
                .timeout(Duration.ofSeconds(10))
                .send()
                .expectStatus(504)
                .expectJson("/title", "Gateway Timeout");
    }

    @Test
    void unhandledDownstreamClientErrorStaysAnInternalError() {
        caller.http().get("/via/missing").send().expectStatus(500).expectJson("/title", "Internal Server Error");
    }
}
