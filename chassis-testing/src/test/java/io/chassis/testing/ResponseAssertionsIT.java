package io.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.CountDownLatch;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Each {@code expect*} assertion passes on a matching response and, on one that does not match,
 * fails with a message that shows the whole exchange: request line, status, headers and body.
 */
class ResponseAssertionsIT {

    static TestService service;
    static TestResponse hello;

    @BeforeAll
    static void start() {
        service = TestService.start(KitService.withRoutes(new CountDownLatch(0)));
        hello = service.http().get("/hello").send();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** @return the failure of {@code assertion}, after checking that its message shows the exchange of {@code /hello} */
    static AssertionFailedError failure(ThrowingCallable assertion) {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class, assertion);
        assertThat(error).as("the assertion should have failed").isNotNull();
        assertThat(error.getMessage())
                .contains(" for GET " + service.http().uri("/hello") + " -> 200\n")
                .containsIgnoringCase("\n  x-greeting: hi")
                .containsIgnoringCase("\n  content-type: application/json")
                .endsWith("\n\n" + hello.body());
        return error;
    }

    @Test
    void toStringShowsTheExchange() {
        assertThat(hello.toString())
                .startsWith("GET " + service.http().uri("/hello") + " -> 200\n")
                .containsIgnoringCase("x-greeting: hi")
                .endsWith(
                        "\n\n{\"message\":\"hi\",\"count\":3,\"ok\":true,\"items\":[{\"name\":\"a\"}],\"nothing\":null}");
    }

    @Test
    void expectStatus() {
        assertThat(hello.expectStatus(200)).isSameAs(hello);

        var failure = failure(() -> hello.expectStatus(404));

        assertThat(failure.getMessage()).startsWith("expected status 404 but got status 200 for GET ");
        assertThat(failure.getExpected().getValue()).isEqualTo("status 404");
        assertThat(failure.getActual().getValue()).isEqualTo("status 200");
    }

    @Test
    void expectHeader() {
        assertThat(hello.expectHeader("X-Greeting", "hi")).isSameAs(hello);
        assertThat(hello.expectHeader("x-greeting", "hi")).isSameAs(hello);

        var differs = failure(() -> hello.expectHeader("X-Greeting", "hello"));
        var missing = failure(() -> hello.expectHeader("X-Absent", "x"));

        assertThat(differs.getMessage()).startsWith("expected X-Greeting: hello but got X-Greeting: hi for GET ");
        assertThat(missing.getMessage()).startsWith("expected X-Absent: x but got no X-Absent header for GET ");
    }

    @Test
    void expectNoHeader() {
        assertThat(hello.expectNoHeader("X-Absent")).isSameAs(hello);

        var failure = failure(() -> hello.expectNoHeader("X-Greeting"));

        assertThat(failure.getMessage()).startsWith("expected no X-Greeting header but got X-Greeting: hi for GET ");
    }

    @Test
    void expectContentType() {
        assertThat(hello.expectContentType("application/json")).isSameAs(hello);
        assertThat(hello.expectContentType("application/")).isSameAs(hello);

        var failure = failure(() -> hello.expectContentType("text/plain"));

        assertThat(failure.getMessage())
                .startsWith("expected Content-Type text/plain but got Content-Type application/json for GET ");
    }

    @Test
    void expectContentTypeFailsWhenThereIsNone() {
        TestResponse empty = service.http().get("/empty").send().expectStatus(204);

        var error = catchThrowableOfType(AssertionFailedError.class, () -> empty.expectContentType("application/json"));

        assertThat(error)
                .hasMessageStartingWith("expected Content-Type application/json but got Content-Type  for GET");
        assertThat(error.getMessage()).contains("/empty -> 204");
    }

    @Test
    void expectJson() {
        assertThat(hello.expectJson("/message", "hi")).isSameAs(hello);
        hello.expectJson("/count", 3).expectJson("/ok", true).expectJson("/items/0/name", "a");

        var differs = failure(() -> hello.expectJson("/message", "hello"));
        var number = failure(() -> hello.expectJson("/count", 4));
        var missing = failure(() -> hello.expectJson("/absent", "x"));
        var isNull = failure(() -> hello.expectJson("/nothing", "x"));

        assertThat(differs.getMessage()).startsWith("expected /message = hello but got /message = hi for GET ");
        assertThat(number.getMessage()).startsWith("expected /count = 4 but got /count = 3 for GET ");
        assertThat(missing.getMessage()).startsWith("expected /absent = x but got no /absent for GET ");
        assertThat(isNull.getMessage()).startsWith("expected /nothing = x but got no /nothing for GET ");
    }

    @Test
    void expectBodyContains() {
        assertThat(hello.expectBodyContains("\"message\":\"hi\"")).isSameAs(hello);

        var failure = failure(() -> hello.expectBodyContains("goodbye"));

        assertThat(failure.getMessage())
                .startsWith("expected a body containing 'goodbye' but got another body for GET ");
    }

    @Test
    void expectBody() {
        assertThat(hello.expectBody(hello.body())).isSameAs(hello);

        var failure = failure(() -> hello.expectBody("{\"message\":\"bye\"}"));

        assertThat(failure.getMessage())
                .startsWith("expected the body {\"message\":\"bye\"} but got another body for GET ");
        assertThat(failure.getExpected().getValue()).isEqualTo("{\"message\":\"bye\"}");
        assertThat(failure.getActual().getValue()).isEqualTo(hello.body());
    }

    @Test
    void aBodyThatIsNotJsonFailsJsonAssertionsWithTheExchange() {
        TestResponse text = service.http().get("/text").send().expectStatus(200);
        TestResponse empty = service.http().get("/empty").send().expectStatus(204);

        var notJson = catchThrowableOfType(AssertionFailedError.class, () -> text.expectJson("/a", 1));
        var none = catchThrowableOfType(AssertionFailedError.class, empty::json);

        assertThat(notJson)
                .hasMessageStartingWith("expected a JSON body but got ")
                .hasMessageContaining("/text -> 200")
                .hasMessageEndingWith("\n\nplain text, not JSON");
        assertThat(none).hasMessageStartingWith("expected a JSON body but got an empty body for GET ");
        assertThat(none.getMessage()).contains("/empty -> 204");
    }

    @Test
    void assertionsChainOnAMatchingResponse() {
        hello.expectStatus(200)
                .expectHeader("X-Greeting", "hi")
                .expectNoHeader("X-Absent")
                .expectContentType("application/json")
                .expectJson("/message", "hi")
                .expectBodyContains("items");
    }
}
