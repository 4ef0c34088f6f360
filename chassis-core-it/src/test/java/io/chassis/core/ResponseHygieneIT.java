package io.chassis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** nosniff and no-store on every problem and admin answer; no Server banner on any answer. */
class ResponseHygieneIT {

    record Item(String name) {}

    @RegisterExtension
    static final ChassisExtension app = ChassisExtension.of(
            () -> Chassis.builder().name("test-service").discoverModules(false).configure(a -> {
                a.http().get("/ok", ctx -> Map.of("ok", true));
                a.http().post("/items", ctx -> ctx.body(Item.class));
            }));

    @Test
    void aNotFoundProblemCarriesTheHeaders() {
        hygienic(app.http().get("/nothing").send().expectStatus(404));
    }

    @Test
    void aMethodNotAllowedProblemCarriesTheHeaders() {
        hygienic(app.http().delete("/ok").send().expectStatus(405));
    }

    @Test
    void aBadJsonProblemCarriesTheHeaders() {
        hygienic(app.http().post("/items").json("{\"name\":").send().expectStatus(400));
    }

    @Test
    void anUnparseableRequestsCannedProblemCarriesTheHeaders() throws Exception {
        RawHttp.Response response = RawHttp.exchange(app.http().port(), "GET /ok HTTP/1.1\r\nBad Header: x\r\n\r\n");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response.headers())
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("cache-control", "no-store")
                .doesNotContainKey("server");
    }

    @Test
    void aRefusedFramingsProblemCarriesTheHeaders() throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                app.http().port(),
                "POST /items HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response.headers())
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("cache-control", "no-store");
    }

    @Test
    void adminAnswersCarryTheHeaders() {
        hygienic(app.admin().get("/info").send().expectStatus(200));
        hygienic(app.admin().get("/metrics").send().expectStatus(200));
        hygienic(app.admin().get("/nothing").send().expectStatus(404));
    }

    @Test
    void noAnswerNamesTheServer() throws Exception {
        app.http().get("/ok").send().expectStatus(200).expectNoHeader("Server");
        app.admin().get("/info").send().expectNoHeader("Server");
        RawHttp.Response raw =
                RawHttp.exchange(app.http().port(), "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(raw.headers()).doesNotContainKey("server").doesNotContainKey("x-powered-by");
        RawHttp.Response http10 = RawHttp.exchange(app.http().port(), "GET /nothing HTTP/1.0\r\n\r\n");
        assertThat(http10.headers()).doesNotContainKey("server");
    }

    @Test
    void anOrdinaryJsonAnswerIsLeftAlone() {
        app.http().get("/ok").send().expectStatus(200).expectNoHeader("Cache-Control");
    }

    private static void hygienic(TestResponse response) {
        response.expectHeader("X-Content-Type-Options", "nosniff")
                .expectHeader("Cache-Control", "no-store")
                .expectNoHeader("Server");
    }
}
