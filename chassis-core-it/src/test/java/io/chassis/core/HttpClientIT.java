package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.client.ClientConnectionException;
import io.chassis.core.client.ClientResponse;
import io.chassis.core.client.ClientResponseException;
import io.chassis.core.client.ClientTimeoutException;
import io.chassis.core.http.HttpProblem;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import io.undertow.Undertow;
import io.undertow.util.SameThreadExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Service A calls service B (and a hanging bare Undertow) through its named clients. */
class HttpClientIT {

    record Item(String id, String name) {}

    static TestService b;
    static Undertow hanging;
    static TestService a;

    static ChassisBuilder service(String name) {
        return Chassis.builder().name(name).version("1.2.3").discoverModules(false);
    }

    @BeforeAll
    static void start() {
        b = TestService.start(service("b").configure(app -> app.http()
                .get(
                        "/items/{id}",
                        ctx -> new Item(
                                ctx.pathParam("id"), ctx.queryParam("name").orElse("none")))
                .get("/items", ctx -> List.of(new Item("1", "x"), new Item("2", "y")))
                .post("/items", ctx -> ctx.status(201).body(Item.class))
                .get("/missing", ctx -> {
                    throw HttpProblem.notFound("No such thing.");
                })
                .get(
                        "/seen",
                        ctx -> Map.of(
                                "requestId", ctx.header("X-Request-Id").orElse(""),
                                "agent", ctx.header("X-Agent").orElse("")))));
        hanging = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {}))
                .build();
        hanging.start();
        int hangingPort = ((InetSocketAddress) hanging.getListenerInfo().get(0).getAddress()).getPort();
        a = TestService.start(service("a")
                .configOverride(
                        "chassis.clients.b.base-url",
                        "http://127.0.0.1:" + b.http().port())
                .configOverride("chassis.clients.b.headers.X-Agent", "service-a")
                .configOverride("chassis.clients.hanging.base-url", "http://127.0.0.1:" + hangingPort)
                .configOverride("chassis.clients.hanging.request-timeout", "300ms")
                .configOverride("chassis.clients.closed.base-url", "http://127.0.0.1:1")
                .configure(app -> {
                    ChassisHttpClient client = app.clients().http("b");
                    app.http().get("/relay", ctx -> client.get("/seen").send(Map.class));
                }));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        hanging.stop();
    }

    @Test
    void readsJsonAnswersWithFilledTemplateAndQuery() {
        Item item = a.app()
                .clients()
                .http("b")
                .get("/items/{id}", "a b")
                .query("name", "x&y")
                .send(Item.class);

        assertThat(item).isEqualTo(new Item("a b", "x&y"));
    }

    @Test
    void readsGenericTypesAndWritesJsonBodies() {
        List<Item> items = a.app().clients().http("b").get("/items").send(new TypeReference<List<Item>>() {});
        ClientResponse created = a.app()
                .clients()
                .http("b")
                .post("/items")
                .body(new Item("3", "z"))
                .exchange();

        assertThat(items).extracting(Item::id).containsExactly("1", "2");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json(Item.class)).isEqualTo(new Item("3", "z"));
    }

    @Test
    void nonSuccessAnswerBecomesResponseExceptionWithProblem() {
        assertThatThrownBy(() -> a.app().clients().http("b").get("/missing").send(Map.class))
                .isInstanceOfSatisfying(ClientResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.problem()).hasValueSatisfying(p -> {
                        assertThat(p.title()).isEqualTo("Not Found");
                        assertThat(p.detail()).isEqualTo("No such thing.");
                    });
                    assertThat(e.client()).isEqualTo("b");
                    assertThat(e.uriTemplate()).isEqualTo("/missing");
                });
    }

    @Test
    void exchangeReturnsNonSuccessAnswersWithoutThrowing() {
        ClientResponse response = a.app().clients().http("b").get("/missing").exchange();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isSuccess()).isFalse();
    }

    @Test
    void hangingDownstreamBecomesTimeoutException() {
        assertThatThrownBy(
                        () -> a.app().clients().http("hanging").get("/anything").send())
                .isInstanceOf(ClientTimeoutException.class)
                .hasMessageContaining("hanging: GET /anything");
    }

    @Test
    void refusedConnectionBecomesConnectionException() {
        assertThatThrownBy(() -> a.app().clients().http("closed").get("/x").send())
                .isInstanceOf(ClientConnectionException.class);
    }

    @Test
    void requestIdOfTheServedRequestAndConfiguredHeadersTravelDownstream() {
        TestResponse response = a.http()
                .get("/relay")
                .header("X-Request-Id", "trace-me-42")
                .send()
                .expectStatus(200);

        assertThat(response.body()).contains("\"requestId\":\"trace-me-42\"").contains("\"agent\":\"service-a\"");
    }

    @Test
    void callsAreTimedByClientAndUriTemplate() {
        a.app().clients().http("b").get("/items/{id}", "7").send(Item.class);
        a.app().clients().http("b").get("/missing").exchange();

        String metrics = a.admin().get("/metrics").send().expectStatus(200).body();
        assertThat(metrics)
                .containsPattern("http_client_requests_seconds_count\\{[^}]*client=\"b\"[^}]*method=\"GET\""
                        + "[^}]*outcome=\"SUCCESS\"[^}]*status=\"200\"[^}]*uri=\"/items/\\{id}\"")
                .containsPattern(
                        "http_client_requests_seconds_count\\{[^}]*outcome=\"CLIENT_ERROR\"[^}]*status=\"404\"")
                .doesNotContain("uri=\"/items/7\"");
    }

    @Test
    void unknownNamesAndMissingTemplateValuesAreRejectedClearly() {
        assertThatThrownBy(() -> a.app().clients().http("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chassis.clients.nope")
                .hasMessageContaining("b, ");
        assertThatThrownBy(() -> a.app().clients().http("b").get("/items/{id}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/items/{id}");
    }
}
