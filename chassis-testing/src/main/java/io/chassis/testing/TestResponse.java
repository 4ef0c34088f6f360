package io.chassis.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * A response read by a {@link TestClient}, with assertions that print the whole exchange when they
 * fail: {@code response.expectStatus(404).expectJson("/title", "Not Found")}. For anything else, read
 * {@link #status()}, {@link #header}, {@link #body()} or {@link #json()} with your assertion library.
 */
public final class TestResponse {

    private final String method;
    private final HttpResponse<String> response;
    private JsonNode json;

    TestResponse(String method, HttpResponse<String> response) {
        this.method = method;
        this.response = response;
    }

    /** @return the status code */
    public int status() {
        return response.statusCode();
    }

    /**
     * @param name a header name, any case
     * @return its first value
     */
    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /**
     * @param name a header name
     * @return every value of it
     */
    public List<String> headers(String name) {
        return response.headers().allValues(name);
    }

    /** @return every header */
    public HttpHeaders headers() {
        return response.headers();
    }

    /** @return the body as text */
    public String body() {
        return response.body();
    }

    /**
     * @return the body parsed as JSON
     * @throws AssertionFailedError when it is not JSON
     */
    public JsonNode json() {
        if (json == null) {
            JsonNode parsed;
            try {
                parsed = TestRequest.JSON.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw fail("a JSON body", e.getOriginalMessage());
            }
            if (parsed == null || parsed.isMissingNode()) {
                throw fail("a JSON body", "an empty body");
            }
            json = parsed;
        }
        return json;
    }

    /**
     * @param pointer a JSON pointer, e.g. {@code /items/0/name}
     * @return the value there as text (numbers and booleans as written), or empty when missing
     */
    public Optional<String> json(String pointer) {
        JsonNode node = json().at(pointer);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }

    /**
     * @param expected the status code
     * @return this
     * @throws AssertionFailedError when the status differs
     */
    public TestResponse expectStatus(int expected) {
        if (status() != expected) {
            throw fail("status " + expected, "status " + status());
        }
        return this;
    }

    /**
     * @param name a header name
     * @param expected its exact first value
     * @return this
     * @throws AssertionFailedError when the header is missing or differs
     */
    public TestResponse expectHeader(String name, String expected) {
        String actual = header(name).orElse(null);
        if (!Objects.equals(actual, expected)) {
            throw fail(name + ": " + expected, actual == null ? "no " + name + " header" : name + ": " + actual);
        }
        return this;
    }

    /**
     * @param name a header name
     * @return this
     * @throws AssertionFailedError when the header is present
     */
    public TestResponse expectNoHeader(String name) {
        header(name).ifPresent(v -> {
            throw fail("no " + name + " header", name + ": " + v);
        });
        return this;
    }

    /**
     * @param expected the media type the {@code Content-Type} starts with, e.g. {@code application/json}
     * @return this
     * @throws AssertionFailedError when it does not
     */
    public TestResponse expectContentType(String expected) {
        String actual = header("Content-Type").orElse("");
        if (!actual.startsWith(expected)) {
            throw fail("Content-Type " + expected, "Content-Type " + actual);
        }
        return this;
    }

    /**
     * @param pointer a JSON pointer, e.g. {@code /message}
     * @param expected the value there: text, a number or a boolean (compared as text)
     * @return this
     * @throws AssertionFailedError when the value is missing or differs
     */
    public TestResponse expectJson(String pointer, Object expected) {
        String actual = json(pointer).orElse(null);
        if (!Objects.equals(actual, String.valueOf(expected))) {
            throw fail(pointer + " = " + expected, actual == null ? "no " + pointer : pointer + " = " + actual);
        }
        return this;
    }

    /**
     * @param expected the whole body, exactly
     * @return this
     * @throws AssertionFailedError when the body differs (its expected and actual values are the
     *     two bodies, for an IDE's diff)
     */
    public TestResponse expectBody(String expected) {
        if (!body().equals(expected)) {
            throw new AssertionFailedError(
                    "expected the body " + expected + " but got another body for " + this, expected, body());
        }
        return this;
    }

    /**
     * @param text what the body contains
     * @return this
     * @throws AssertionFailedError when it does not
     */
    public TestResponse expectBodyContains(String text) {
        if (!body().contains(text)) {
            throw fail("a body containing '" + text + "'", "another body");
        }
        return this;
    }

    private AssertionFailedError fail(String expected, String actual) {
        return new AssertionFailedError(
                "expected " + expected + " but got " + actual + " for " + this, expected, actual);
    }

    /** @return the request line, status, headers and body, for failure messages */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(method)
                .append(' ')
                .append(response.uri())
                .append(" -> ")
                .append(status());
        response.headers()
                .map()
                .forEach((k, v) -> text.append("\n  ").append(k).append(": ").append(String.join(", ", v)));
        return text.append("\n\n").append(response.body()).toString();
    }
}
