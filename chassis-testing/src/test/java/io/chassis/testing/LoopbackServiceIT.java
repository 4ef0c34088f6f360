package io.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.core.Chassis;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real service on loopback, started with {@link TestService}, through the kit's clients. */
class LoopbackServiceIT {

    static final CountDownLatch together = new CountDownLatch(2);
    static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(KitService.withRoutes(together));
    }

    @AfterAll
    static void stop() {
        KitService.HANG.countDown();
        service.close();
    }

    @Test
    void listensOnEphemeralLoopbackPortsWithoutDrainDelayOrShutdownHook() {
        var config = service.app().config().config();

        assertThat(service.http().port()).isEqualTo(service.app().httpPort()).isNotIn(0, 8080);
        assertThat(service.admin().port()).isEqualTo(service.app().adminPort()).isNotIn(0, 8081);
        assertThat(service.http().uri("/hello"))
                .hasToString("http://127.0.0.1:" + service.http().port() + "/hello");
        assertThat(config.getString("chassis.http.host")).isEqualTo("127.0.0.1");
        assertThat(config.getString("chassis.admin.host")).isEqualTo("127.0.0.1");
        assertThat(config.getDuration("chassis.shutdown.drain-delay")).isZero();
        assertThat(config.getBoolean("chassis.shutdown.hook")).isFalse();
        assertThat(service.app().readiness().isReady()).isTrue();
    }

    @Test
    void getReadsStatusHeadersAndJson() {
        TestResponse response = service.http().get("/hello").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-greeting")).hasValue("hi");
        assertThat(response.headers("X-Greeting")).containsExactly("hi");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.header("X-Absent")).isEmpty();
        assertThat(response.body())
                .isEqualTo(
                        "{\"message\":\"hi\",\"count\":3,\"ok\":true,\"items\":[{\"name\":\"a\"}],\"nothing\":null}");
        assertThat(response.json().get("count").asInt()).isEqualTo(3);
        assertThat(response.json("/message")).hasValue("hi");
        assertThat(response.json("/count")).hasValue("3");
        assertThat(response.json("/ok")).hasValue("true");
        assertThat(response.json("/items/0/name")).hasValue("a");
        assertThat(response.json("/items")).hasValue("[{\"name\":\"a\"}]");
        assertThat(response.json("/nothing")).isEmpty();
        assertThat(response.json("/missing")).isEmpty();
    }

    @Test
    void everyMethodIsSentWithItsBody() {
        var http = service.http();

        assertThat(http.post("/echo").body("posted", "text/plain").send().body())
                .isEqualTo("posted");
        assertThat(http.put("/echo").json("{\"put\":1}").send().body()).isEqualTo("{\"put\":1}");
        assertThat(http.patch("/echo").json("{\"patch\":1}").send().body()).isEqualTo("{\"patch\":1}");
        assertThat(http.delete("/echo").send().header("X-Method")).hasValue("DELETE");
        assertThat(http.get("/echo").send().header("X-Method")).hasValue("GET");
        assertThat(http.request("OPTIONS", "/echo").send().header("X-Method")).hasValue("OPTIONS");
        TestResponse head = http.head("/head").send();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("X-Method")).hasValue("HEAD");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aBodySetsTheContentTypeAndALaterOneReplacesIt() {
        TestResponse json = service.http().post("/echo").json("{\"a\":1}").send();
        TestResponse replaced = service.http()
                .post("/echo")
                .header("Content-Type", "text/csv")
                .body("a,b", "text/plain")
                .json("[1]")
                .send();

        assertThat(json.header("Content-Type")).hasValue("application/json");
        assertThat(replaced.headers("Content-Type")).containsExactly("application/json");
        assertThat(replaced.body()).isEqualTo("[1]");
    }

    record Order(String sku, int quantity, List<String> tags) {}

    @Test
    void jsonOfSendsAnObjectAsJson() {
        TestResponse fromRecord = service.http()
                .post("/echo")
                .jsonOf(new Order("a-1", 2, List.of("gift")))
                .send();
        TestResponse fromMap =
                service.http().put("/echo").jsonOf(Map.of("k", "v")).send();

        fromRecord.expectStatus(200).expectContentType("application/json");
        assertThat(fromRecord.body()).isEqualTo("{\"sku\":\"a-1\",\"quantity\":2,\"tags\":[\"gift\"]}");
        assertThat(fromMap.body()).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void jsonOfRejectsWhatJacksonCannotWrite() {
        Object unwritable = new Object();

        assertThatThrownBy(() -> service.http().post("/echo").jsonOf(unwritable))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot write java.lang.Object@");
    }

    @Test
    void headersAreSent() {
        TestResponse response =
                service.http().get("/header").header("X-Test", "t-1").send();

        response.expectJson("/value", "t-1");
    }

    @Test
    void sendAsyncSendsRequestsConcurrently() throws Exception {
        // /together answers only once two requests are inside it: sent one after the other, they would wait
        CompletableFuture<TestResponse> first = service.http().get("/together").sendAsync();
        CompletableFuture<TestResponse> second = service.http().get("/together").sendAsync();

        TestResponse a = first.get(20, TimeUnit.SECONDS);
        TestResponse b = second.get(20, TimeUnit.SECONDS);

        a.expectStatus(200).expectJson("/together", true);
        b.expectStatus(200).expectJson("/together", true);
        assertThat(together.getCount()).isZero();
    }

    @Test
    void aResponseSlowerThanTheTimeoutFailsWithTheRequestInTheMessage() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> service.http()
                        .get("/hang")
                        .timeout(Duration.ofMillis(300))
                        .send())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("GET " + service.http().uri("/hang") + " failed")
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theAdminClientTalksToTheAdminListener() {
        service.admin().get("/kit").send().expectStatus(200).expectJson("/admin", true);
        service.admin()
                .get("/info")
                .send()
                .expectStatus(200)
                .expectJson("/name", "kit-test")
                .expectJson("/version", "1.2.3");
        service.http().get("/kit").send().expectStatus(404);
    }

    @Test
    void aDisabledAdminListenerHasNoClient() {
        try (TestService noAdmin =
                TestService.start(KitService.builder().configOverride("chassis.admin.enabled", false))) {
            assertThat(noAdmin.app().adminPort()).isEqualTo(-1);
            assertThatThrownBy(noAdmin::admin)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the admin listener is disabled");
            noAdmin.http().get("/missing").send().expectStatus(404);
        }
    }

    @Test
    void ofWrapsAServiceTheTestStartedAndClosingItStopsTheService() {
        Chassis started = TestService.onLoopback(KitService.withRoutes(new CountDownLatch(0)))
                .configOverride("chassis.service.version", "7.0")
                .start();
        TestService wrapped = TestService.of(started);
        TestClient http = wrapped.http();

        assertThat(wrapped.app()).isSameAs(started);
        http.get("/hello").send().expectStatus(200);
        wrapped.admin().get("/info").send().expectJson("/version", "7.0");
        wrapped.close();

        assertThat(started.readiness().isReady()).isFalse();
        assertThatThrownBy(() -> http.get("/hello").send()).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aServiceThatCannotStartReportsWhy() {
        assertThatThrownBy(() -> TestService.start(KitService.builder().name(" ")))
                .isInstanceOf(io.chassis.config.ConfigProblemsException.class)
                .hasMessageContaining("chassis.service.name");
    }
}
