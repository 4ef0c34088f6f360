package io.chassis.core.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.client.ClientException;
import io.chassis.core.client.ClientResponse;
import io.chassis.core.client.ProblemDetail;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A fully read answer of a {@link NamedClient}. */
final class ClientResult implements ClientResponse {

    private final ClientCall call;
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    ClientResult(ClientCall call, int status, HttpHeaders headers, byte[] body) {
        this.call = call;
        this.status = status;
        this.headers = headers;
        this.body = body == null ? new byte[0] : body;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    byte[] rawBody() {
        return body;
    }

    @Override
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public <T> T json(Class<T> type) {
        if (body.length == 0) {
            return null;
        }
        try {
            return call.mapper().readValue(body, type);
        } catch (IOException e) {
            throw call.failure("answered " + status + " with a body that is not JSON of " + type.getSimpleName(), e);
        }
    }

    /** @return the RFC 9457 document, when the answer says it is one and it parses; else null */
    ProblemDetail problem(ObjectMapper mapper) {
        String type = headers.firstValue("Content-Type").orElse("");
        if (!type.regionMatches(true, 0, "application/problem+json", 0, 24) || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (!node.isObject()) {
                return null;
            }
            return new ProblemDetail(
                    text(node, "type"),
                    text(node, "title"),
                    node.path("status").isInt() ? node.get("status").asInt() : null,
                    text(node, "detail"),
                    text(node, "instance"));
        } catch (IOException e) {
            return null; // a broken problem body is still a failed answer; the raw body says the rest
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Only for {@link ClientException} messages. */
    @Override
    public String toString() {
        return status + " (" + body.length + " bytes)";
    }
}
