package io.chassis.examples.currency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.testing.TestClient;
import io.chassis.testing.TestResponse;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's JSON/REST gateway, as docs/grpc-gateway.md walks through it with curl: the
 * currency.v1 rules on the HTTP port next to the gRPC port, problems with the gRPC code name,
 * NDJSON for the server stream, the OpenAPI document on the admin port.
 */
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    static PackagedService service;
    static TestClient http;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(workDir);
        http = new TestClient(URI.create("http://127.0.0.1:" + service.httpPort() + "/"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.kill();
        }
    }

    @Test
    void getRateAnswersProto3JsonWithTheTimestampInRfc3339() {
        http.get("/v1/rates/EUR/USD")
                .send()
                .expectStatus(200)
                .expectContentType("application/json")
                .expectBody(
                        "{\"base\":\"EUR\",\"quote\":\"USD\",\"rate\":\"1.0823\",\"asOf\":\"2026-01-02T16:00:00Z\"}");
    }

    @Test
    void convertTakesTheWholeBodyAndToleratesUnknownFields() {
        http.post("/v1/convert")
                .json("{\"base\":\"EUR\",\"quote\":\"JPY\",\"amount\":\"12.50\",\"comment\":\"ignored\"}")
                .send()
                .expectStatus(200)
                .expectJson(
                        "/converted",
                        Rates.fixed().convert("EUR", "JPY", "12.50").converted().toPlainString())
                .expectJson("/rate", Rates.fixed().rate("EUR", "JPY").text());
    }

    @Test
    void listCurrenciesIsOneBareMessagePerLineSortedByCode() throws Exception {
        TestResponse response =
                http.get("/v1/currencies").send().expectStatus(200).expectContentType("application/x-ndjson");

        List<String> codes = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            JsonNode currency = JSON.readTree(line);
            assertThat(currency.fieldNames()).toIterable().containsExactly("code", "name");
            codes.add(currency.path("code").asText());
        }
        assertThat(codes).contains("CHF", "EUR", "GBP", "JPY", "USD").isSorted();
    }

    @Test
    void anUnknownCodeIsA404ProblemWithTheGrpcCodeAndTheRequestId() {
        TestResponse response = http.get("/v1/rates/EUR/XXX")
                .header("X-Request-Id", "walkthrough-1")
                .send()
                .expectStatus(404)
                .expectContentType("application/problem+json")
                .expectJson("/status", 404)
                .expectJson("/title", "Not Found")
                .expectJson("/grpcStatus", "NOT_FOUND")
                .expectJson("/requestId", "walkthrough-1");

        assertThat(response.json().path("detail").asText()).contains("XXX");
    }

    @Test
    void aMalformedCodeIsA400AndAMalformedBodyToo() {
        http.get("/v1/rates/eur/USD").send().expectStatus(400).expectJson("/grpcStatus", "INVALID_ARGUMENT");
        http.post("/v1/convert")
                .json("{\"base\":\"EUR\",")
                .send()
                .expectStatus(400)
                .expectBodyContains("Invalid JSON body");
        // the walk-through's two examples in docs/grpc-gateway.md
        http.post("/v1/convert")
                .json("{\"base\":\"EUR\",\"quote\":\"JPY\",\"amount\":{}}")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Invalid JSON body: field /amount must be a string, but was an object.");
    }

    @Test
    void aGrpcTimeoutHeaderIsTheCallsDeadline() {
        http.get("/v1/rates/EUR/USD")
                .header("grpc-timeout", "1n")
                .send()
                .expectStatus(504)
                .expectJson("/grpcStatus", "DEADLINE_EXCEEDED")
                .expectJson("/detail", "The call did not finish within its deadline (grpc-timeout).");
    }

    @Test
    void theOpenApiDocumentDescribesTheThreeRoutes() {
        JsonNode document = new TestClient(URI.create("http://127.0.0.1:" + service.adminPort() + "/"))
                .get("/openapi.json")
                .send()
                .expectStatus(200)
                .json();
        JsonNode paths = document.path("paths");

        assertThat(paths.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("/v1/rates/{base}/{quote}", "/v1/convert", "/v1/currencies");
        JsonNode getRate = paths.path("/v1/rates/{base}/{quote}").path("get");
        assertThat(getRate.path("parameters").findValuesAsText("name")).containsExactly("base", "quote");
        assertThat(getRate.path("parameters").findValuesAsText("in")).containsOnly("path");
        // the comment in currency.proto, from the descriptor set written with source info
        assertThat(getRate.path("description").asText()).startsWith("Unknown code -> NOT_FOUND");
        JsonNode asOf = document.at("/components/schemas/currency.v1.Rate/properties/asOf");
        assertThat(asOf.path("type").asText()).isEqualTo("string");
        assertThat(asOf.path("format").asText()).isEqualTo("date-time");
        assertThat(paths.path("/v1/convert")
                        .at("/post/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/currency.v1.ConvertRequest");
    }
}
