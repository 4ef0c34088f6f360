package io.chassis.core.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyProblemsTest {

    enum Size {
        SMALL,
        LARGE
    }

    record Line(String sku, int quantity, Size size) {}

    record Order(String name, List<Line> lines, boolean gift) {
        Order {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }
    }

    final ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads the way ExchangeContext does: the parser is still open when the detail is made. */
    String detail(String json) {
        return detail(mapper, json);
    }

    static String detail(ObjectMapper mapper, String json) {
        try (JsonParser parser = mapper.createParser(json)) {
            try {
                mapper.readValue(parser, Order.class);
            } catch (JsonProcessingException e) {
                return JsonBodyProblems.detail(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonBodyProblems.REQUIRED; // readValue(parser) gives null when there is no content
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByPointerAndJsonType() {
        assertThat(detail("{\"name\":{\"first\":\"Bo\"}}"))
                .isEqualTo("Invalid JSON body: field /name must be a string, but was an object.");
        assertThat(detail("{\"lines\":[{\"quantity\":\"many\"}]}"))
                .isEqualTo("Invalid JSON body: field /lines/0/quantity must be a number, but was a string.");
        assertThat(detail("{\"lines\":{}}"))
                .isEqualTo("Invalid JSON body: field /lines must be an array, but was an object.");
        assertThat(detail("{\"lines\":[{\"size\":\"HUGE\"}]}"))
                .isEqualTo("Invalid JSON body: field /lines/0/size must be one of \"SMALL\", \"LARGE\".");
    }

    @Test
    void aBodyOfTheWrongShapeNamesNoJavaClass() {
        String detail = detail("[1,2]");

        assertThat(detail).isEqualTo("Invalid JSON body: the body must be an object, but was an array.");
        assertThat(detail).doesNotContain("Order", "JsonBodyProblemsTest", "java.");
    }

    @Test
    void aValueTheRecordRefusesIsExplainedByItsOwnMessage() {
        assertThat(detail("{\"name\":\" \"}"))
                .isEqualTo("Invalid JSON body: the body is not valid: name must not be blank");
    }

    @Test
    void unknownFieldsAreNamedWhenTheyAreRefused() {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        String detail = detail(strict, "{\"nmae\":\"Bo\"}");

        assertThat(detail).isEqualTo("Invalid JSON body: field /nmae is not a known field.");
    }

    @Test
    void onlyBrokenSyntaxIsMalformedAndWhitespaceIsMissing() {
        assertThat(detail("{\"name\": ")).startsWith("Malformed JSON body: ");
        assertThat(detail("   ")).isEqualTo(JsonBodyProblems.REQUIRED);
    }

    @Test
    void pointersEscapeSlashAndTilde() {
        assertThat(detail("{\"lines\":[{\"sku\":[]}]}")).contains("/lines/0/sku");
        assertThat(JsonBodyProblems.pointer(
                        List.of(new com.fasterxml.jackson.databind.JsonMappingException.Reference(null, "a/b~c"))))
                .isEqualTo("/a~1b~0c");
    }
}
