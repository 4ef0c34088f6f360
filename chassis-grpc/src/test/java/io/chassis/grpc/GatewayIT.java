package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.ChassisBuilder;
import io.chassis.testing.TestResponse;
import io.chassis.testing.TestService;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The google.api.http mapping rules through the gateway, over real HTTP on loopback. */
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LibraryServiceImpl LIBRARY = new LibraryServiceImpl();
    private static TestService service;

    static ChassisBuilder library() {
        return GrpcService.builder(g -> g.service(LIBRARY).interceptor(LibraryServiceImpl.CAPTURE))
                .configOverride("chassis.grpc.port", 0)
                .configOverride("chassis.grpc.host", "127.0.0.1")
                .configOverride("chassis.grpc.gateway.forward-headers", List.of("X-Tenant"));
    }

    @BeforeAll
    static void start() {
        service = TestService.start(library());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aMultiSegmentVariableCapturesEverySegmentOfItsPattern() {
        service.http()
                .get("/v1/shelves/s1/books/b2")
                .send()
                .expectStatus(200)
                .expectContentType("application/json")
                .expectJson("/id", "shelves/s1/books/b2");
    }

    @Test
    void anAdditionalBindingWithDoubleStarCapturesTheRestOfThePath() {
        service.http().get("/v1/archive/2024/q1/b7").send().expectStatus(200).expectJson("/id", "2024/q1/b7");
    }

    @Test
    void queryParametersFillScalarsRepeatedEnumsNestedFieldsAndWrappers() {
        JsonNode request = service.http()
                .get("/v1/shelves/s1/books?pageSize=5&tags=a&tags=b&genre=SCIENCE&filter.author=Ann"
                        + "&filter.published_after=2020-01-02T03:04:05Z&minPages=100&include_drafts=true")
                .send()
                .expectStatus(200)
                .json()
                .path("request");

        assertThat(request.path("shelf").asText()).isEqualTo("s1");
        assertThat(request.path("pageSize").asInt()).isEqualTo(5);
        assertThat(request.path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(request.path("genre").asText()).isEqualTo("SCIENCE");
        assertThat(request.path("filter").path("author").asText()).isEqualTo("Ann");
        assertThat(request.path("filter").path("publishedAfter").asText()).isEqualTo("2020-01-02T03:04:05Z");
        assertThat(request.path("minPages").asInt()).isEqualTo(100);
        assertThat(request.path("includeDrafts").asBoolean()).isTrue();
    }

    @Test
    void aQueryValueOfTheWrongTypeIsA400NamingTheParameter() {
        service.http()
                .get("/v1/shelves/s1/books?pageSize=many")
                .send()
                .expectStatus(400)
                .expectContentType("application/problem+json")
                .expectJson("/detail", "Query parameter 'pageSize' must be a value of type int32, but was 'many'.");
        service.http()
                .get("/v1/shelves/s1/books?genre=POETRY")
                .send()
                .expectStatus(400)
                .expectJson(
                        "/detail",
                        "Query parameter 'genre' must be one of [GENRE_UNSPECIFIED, FICTION, SCIENCE], but was 'POETRY'.");
        service.http()
                .get("/v1/shelves/s1/books?pageSize=1&pageSize=2")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Query parameter 'pageSize' must be given once, but was given 2 times.");
        service.http()
                .get("/v1/shelves/s1/books?shelf=other")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Query parameter 'shelf' is bound by the path.");
    }

    @Test
    void anUnknownQueryParameterIsToleratedByDefault() {
        service.http()
                .get("/v1/shelves/s1/books?utm_source=mail")
                .send()
                .expectStatus(200)
                .expectJson("/request/shelf", "s1");
    }

    @Test
    void aBodyFieldAndANestedPathVariableFillOneRequest() {
        Book created = book(service.http()
                .post("/v1/shelves/s9/books?note=first")
                .json("{\"title\":\"Dune\",\"tags\":[\"sf\"],\"genre\":\"FICTION\",\"pageCount\":412}")
                .send()
                .expectStatus(200)
                .json());

        assertThat(created).isEqualTo(new Book("s9", "Dune (first)", "FICTION", 412));
    }

    @Test
    void bodyStarTakesTheWholeMessageAndThePathWinsOverTheBody() {
        service.http()
                .put("/v1/shelves/s1/books/b1")
                .json("{\"shelf\":\"not-this\",\"id\":\"nor-this\",\"title\":\"T\",\"page_count\":3}")
                .send()
                .expectStatus(200)
                .expectJson("/shelf", "s1")
                .expectJson("/id", "b1")
                .expectJson("/title", "T")
                .expectJson("/pageCount", 3);
    }

    @Test
    void aPatchWithoutUpdateMaskGetsTheFieldsOfItsBody() {
        service.http()
                .patch("/v1/shelves/s1/books/b1")
                .json("{\"title\":\"New\",\"published\":\"2021-01-01T00:00:00Z\",\"tags\":[]}")
                .send()
                .expectStatus(200)
                .expectJson("/appliedMask", "title,published,tags")
                .expectJson("/book/title", "New");
    }

    @Test
    void aPatchWithAnUpdateMaskKeepsIt() {
        service.http()
                .patch("/v1/shelves/s1/books/b1?updateMask=title")
                .json("{\"title\":\"New\",\"pageCount\":9}")
                .send()
                .expectStatus(200)
                .expectJson("/appliedMask", "title");
    }

    @Test
    void deleteWithAnInt64PathVariable() {
        service.http()
                .delete("/v1/shelves/s1/numbered/42")
                .send()
                .expectStatus(200)
                .expectBody("{}");
        service.http()
                .delete("/v1/shelves/s1/numbered/forty-two")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Path segment for number must be a value of type int64, but was 'forty-two'.");
    }

    @Test
    void customVerbsOnAVariableAndOnALiteralSegment() {
        service.http()
                .post("/v1/shelves/s1/numbered/42:archive")
                .send()
                .expectStatus(200)
                .expectJson("/id", "42")
                .expectJson("/title", "archived");
        service.http()
                .get("/v1/shelves/s1/numbered:count")
                .send()
                .expectStatus(200)
                .expectBody("\"12345678901\""); // response_body: only the field; an int64 as a JSON string
        service.http().post("/v1/shelves/s1/numbered/42:unknown").send().expectStatus(404);
    }

    @Test
    void aCustomHttpMethodIsRouted() {
        service.http().head("/v1/peek/s1").send().expectStatus(200);
    }

    @Test
    void aServerStreamIsNewlineDelimitedJsonOneMessagePerLine() {
        TestResponse response = service.http()
                .get("/v1/shelves/s1/books:stream?pageSize=3")
                .send()
                .expectStatus(200)
                .expectContentType("application/x-ndjson");

        assertThat(lines(response))
                .containsExactly(
                        "{\"shelf\":\"s1\",\"id\":\"1\",\"title\":\"\",\"tags\":[],\"genre\":\"GENRE_UNSPECIFIED\",\"pageCount\":0}",
                        "{\"shelf\":\"s1\",\"id\":\"2\",\"title\":\"\",\"tags\":[],\"genre\":\"GENRE_UNSPECIFIED\",\"pageCount\":0}",
                        "{\"shelf\":\"s1\",\"id\":\"3\",\"title\":\"\",\"tags\":[],\"genre\":\"GENRE_UNSPECIFIED\",\"pageCount\":0}");
    }

    @Test
    void eachStreamedMessageReachesTheClientBeforeTheServiceSendsTheNext() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        service.http().uri("/v1/shelves/paced/books:stream?pageSize=3"))
                .build();

        java.net.http.HttpResponse<java.util.stream.Stream<String>> response =
                client.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> lines = response.body().iterator();

        assertThat(response.statusCode()).isEqualTo(200);
        for (int i = 1; i <= 3; i++) {
            // the service sends book i+1 only after this line was read here
            assertThat(lines.next()).contains("\"id\":\"" + i + "\"");
            LIBRARY.next.release();
        }
        assertThat(lines.hasNext()).isFalse();
    }

    @Test
    void anErrorAfterTheFirstMessageEndsTheStreamWithOneErrorLine() throws Exception {
        TestResponse response = service.http()
                .get("/v1/shelves/s1/books:stream?pageSize=5&failAfter=2")
                .send()
                .expectStatus(200);

        List<String> lines = lines(response);
        assertThat(lines).hasSize(3);
        JsonNode error = JSON.readTree(lines.get(2)).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(404);
        assertThat(error.path("grpcStatus").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.path("detail").asText()).isEqualTo("no book 3 on s1");
        assertThat(error.path("requestId").asText())
                .isEqualTo(response.header("X-Request-Id").orElseThrow());
    }

    @Test
    void anErrorBeforeTheFirstMessageIsAnOrdinaryProblem() {
        service.http()
                .get("/v1/shelves/missing/books:stream?pageSize=5")
                .send()
                .expectStatus(404)
                .expectContentType("application/problem+json")
                .expectJson("/grpcStatus", "NOT_FOUND");
    }

    @Test
    void wellKnownTypesRoundTripInTheirJsonForms() throws Exception {
        String body = "{\"at\":\"2020-01-01T00:00:00Z\",\"took\":\"1.500s\",\"mask\":\"title,filter.author\","
                + "\"note\":\"n\",\"meta\":{\"k\":[1.0,\"x\"]},\"anyValue\":{\"z\":true},"
                + "\"detail\":{\"@type\":\"type.googleapis.com/chassis.test.v1.Book\",\"title\":\"t\"},"
                + "\"big\":\"9007199254740993\",\"data\":\"aGk=\",\"counts\":{\"a\":1},\"ratio\":0.5,"
                + "\"flag\":true,\"maybe\":false}";

        JsonNode echoed = service.http()
                .post("/v1/inspect")
                .json(body)
                .send()
                .expectStatus(200)
                .json();

        JsonNode sent = JSON.readTree(body);
        sent.fieldNames().forEachRemaining(name -> {
            if (!name.equals("detail")) {
                assertThat(echoed.path(name)).as(name).isEqualTo(sent.path(name));
            }
        });
        // the Any holds a Book, printed with its fields at their defaults like every message
        assertThat(echoed.at("/detail/@type").asText()).isEqualTo("type.googleapis.com/chassis.test.v1.Book");
        assertThat(echoed.at("/detail/title").asText()).isEqualTo("t");
    }

    @Test
    void protoFieldNamesAreAcceptedInBodiesToo() {
        service.http()
                .post("/v1/inspect")
                .json("{\"any_value\":7}")
                .send()
                .expectStatus(200)
                .expectJson("/anyValue", 7.0); // a Value number is a double
    }

    @Test
    void wellKnownTypesFromQueryParameters() {
        service.http()
                .get("/v1/inspect?at=2020-01-01T00:00:00Z&took=2s&note=x&big=5&maybe=true&mask=a,b")
                .send()
                .expectStatus(200)
                .expectJson("/at", "2020-01-01T00:00:00Z")
                .expectJson("/took", "2s")
                .expectJson("/note", "x")
                .expectJson("/big", "5")
                .expectJson("/maybe", true)
                .expectJson("/mask", "a,b");
    }

    @Test
    void grpcStatusesMapToHttpStatusesByTheGatewayTable() {
        String[][] table = {
            {"INVALID_ARGUMENT", "400"},
            {"FAILED_PRECONDITION", "400"},
            {"OUT_OF_RANGE", "400"},
            {"UNAUTHENTICATED", "401"},
            {"PERMISSION_DENIED", "403"},
            {"NOT_FOUND", "404"},
            {"ALREADY_EXISTS", "409"},
            {"ABORTED", "409"},
            {"RESOURCE_EXHAUSTED", "429"},
            {"CANCELLED", "499"},
            {"INTERNAL", "500"},
            {"UNKNOWN", "500"},
            {"DATA_LOSS", "500"},
            {"UNIMPLEMENTED", "501"},
            {"UNAVAILABLE", "503"},
            {"DEADLINE_EXCEEDED", "504"},
        };
        for (String[] row : table) {
            service.http()
                    .get("/v1/fail/" + row[0])
                    .send()
                    .expectStatus(Integer.parseInt(row[1]))
                    .expectContentType("application/problem+json")
                    .expectJson("/grpcStatus", row[0])
                    .expectJson("/detail", "failing with " + row[0]);
        }
    }

    @Test
    void fieldViolationsBecomeAnErrorsArrayAndTrailersGrpcMetadataHeaders() {
        TestResponse response = service.http()
                .get("/v1/fail/INVALID_ARGUMENT")
                .send()
                .expectStatus(400)
                .expectHeader("Grpc-Metadata-x-library-note", "see trailers");

        JsonNode problem = response.json();
        assertThat(problem.path("errors").toString())
                .isEqualTo("[{\"field\":\"book.title\",\"description\":\"must not be empty\"},"
                        + "{\"field\":\"book.tags[1]\",\"description\":\"too long\"}]");
        assertThat(problem.path("requestId").asText())
                .isEqualTo(response.header("X-Request-Id").orElseThrow());
    }

    @Test
    void retryInfoBecomesRetryAfter() {
        service.http().get("/v1/fail/UNAVAILABLE").send().expectStatus(503).expectHeader("Retry-After", "7");
    }

    @Test
    void malformedJsonIsA400AndTheServiceIsNotCalled() {
        int before = LIBRARY.inspected.get();

        service.http()
                .post("/v1/inspect")
                .json("{\"note\": n}")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Invalid JSON body: malformed JSON at line 1, column 10.");
        service.http()
                .post("/v1/inspect")
                .json("{\"note\":\"a\"} {}")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Invalid JSON body: more than one JSON value.");

        assertThat(LIBRARY.inspected.get()).isEqualTo(before);
    }

    @Test
    void aWrongTypeIsA400NamingTheFieldByPointer() {
        int inspected = LIBRARY.inspected.get();
        service.http()
                .post("/v1/inspect")
                .json("{\"counts\":{\"a\":\"lots\",\"b\":{}}}")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Invalid JSON body: field /counts/b must be a number, but was an object.");
        service.http()
                .post("/v1/shelves/s1/books")
                .json("{\"tags\":\"one\"}")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Invalid JSON body: field /tags must be an array, but was a string.");
        assertThat(LIBRARY.inspected.get()).as("the service is not called").isEqualTo(inspected);
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        service.http().post("/v1/inspect").body("note=x", "text/plain").send().expectStatus(415);
    }

    @Test
    void anUnknownJsonFieldIsToleratedByDefault() {
        service.http()
                .post("/v1/inspect")
                .json("{\"note\":\"x\",\"nonsense\":1}")
                .send()
                .expectStatus(200)
                .expectJson("/note", "x");
    }

    @Test
    void allowedHeadersBecomeMetadataAndOthersDoNot() {
        TestResponse response = service.http()
                .get("/v1/shelves/s1/books")
                .header("Authorization", "Bearer abc")
                .header("Accept-Language", "de")
                .header("X-Tenant", "t1")
                .header("X-Secret", "no")
                .header("Cookie", "session=1")
                .header("X-Request-Id", "my-request-1")
                // tracing is off here: trace context passes as it came, for the service's own tracer
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
                .header("uber-trace-id", "80f198ee56343ba8:e457b5a2e4d86bd1:0:1")
                .send()
                .expectStatus(200)
                .expectHeader("X-Request-Id", "my-request-1")
                .expectJson("/metadata/traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .expectJson("/metadata/b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
                .expectJson("/metadata/uber-trace-id", "80f198ee56343ba8:e457b5a2e4d86bd1:0:1")
                .expectJson("/metadata/authorization", "Bearer abc")
                .expectJson("/metadata/accept-language", "de")
                .expectJson("/metadata/x-tenant", "t1")
                .expectJson("/metadata/x-request-id", "my-request-1");

        assertThat(response.json().path("metadata").has("x-secret")).isFalse();
        assertThat(response.json().path("metadata").has("cookie")).isFalse();
    }

    @Test
    void grpcTimeoutBecomesTheDeadlineAndCancelsTheCallWhenItPasses() throws Exception {
        LIBRARY.slowCancelled = new java.util.concurrent.CountDownLatch(1);
        long began = System.nanoTime();

        service.http()
                .get("/v1/slow?millis=20000")
                .header("grpc-timeout", "2S")
                .send()
                .expectStatus(504)
                .expectJson("/grpcStatus", "DEADLINE_EXCEEDED")
                .expectJson("/detail", "The call did not finish within its deadline (grpc-timeout).");

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isLessThan(10_000);
        assertThat(LIBRARY.slowCancelled.await(5, TimeUnit.SECONDS)).isTrue();
        long left = service.http()
                .get("/v1/slow?millis=1")
                .header("grpc-timeout", "10S")
                .send()
                .expectStatus(200)
                .json()
                .path("deadlineMillisLeft")
                .asLong();
        assertThat(left).isBetween(1L, 10_000L);
        service.http()
                .get("/v1/slow?millis=1")
                .header("grpc-timeout", "soon")
                .send()
                .expectStatus(400);
    }

    @Test
    void unmatchedPathsAre404AndWrongMethods405() {
        service.http().get("/v1/shelves/s1/books/b1/pages").send().expectStatus(404);
        service.http().delete("/v1/shelves/s1/books").send().expectStatus(405).expectHeader("Allow", "GET, POST");
    }

    @Test
    void theOpenApiDocumentIsOnTheAdminPort() {
        JsonNode doc =
                service.admin().get("/openapi.json").send().expectStatus(200).json();

        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("paths").has("/v1/shelves/{shelf}/books")).isTrue();
        assertThat(doc.at("/paths/~1v1~1shelves~1{shelf}~1books:stream/get/responses/200/content")
                        .has("application/x-ndjson"))
                .isTrue();
    }

    private static List<String> lines(TestResponse response) {
        return Arrays.stream(response.body().split("\n"))
                .filter(l -> !l.isEmpty())
                .toList();
    }

    private record Book(String shelf, String title, String genre, int pageCount) {}

    private static Book book(JsonNode json) {
        return new Book(
                json.path("shelf").asText(),
                json.path("title").asText(),
                json.path("genre").asText(),
                json.path("pageCount").asInt());
    }
}
