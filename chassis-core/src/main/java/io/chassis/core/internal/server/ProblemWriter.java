package io.chassis.core.internal.server;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.internal.RequestIds;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.xnio.IoUtils;

/** Writes RFC 9457 {@code application/problem+json} responses, with {@link ResponseHygiene}'s headers. */
final class ProblemWriter {

    static final String CONTENT_TYPE = "application/problem+json";

    /** The problem document; {@code type} is always {@code about:blank} (the status says it all). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(
            String type,
            String title,
            int status,
            String detail,
            String instance,
            String requestId,
            @JsonAnyGetter Map<String, Object> members) {}

    private final ObjectMapper mapper;

    ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Sends a problem, unless the response already started (then the connection is closed, since
     * the client cannot tell a truncated body from a complete one).
     */
    void send(HttpServerExchange exchange, int status, String title, String detail) {
        send(exchange, status, title, detail, Map.of());
    }

    /** As {@link #send(HttpServerExchange, int, String, String)}, with extension members. */
    void send(HttpServerExchange exchange, int status, String title, String detail, Map<String, Object> members) {
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        Problem problem = new Problem(
                "about:blank", title, status, detail, exchange.getRequestPath(), RequestIds.of(exchange), members);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        ResponseHygiene.apply(exchange.getResponseHeaders());
        ConnectionTracker.lastResponseIfClosing(exchange);
        exchange.getResponseSender().send(ByteBuffer.wrap(toJson(problem)));
    }

    private byte[] toJson(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            // A record of strings cannot fail to serialize unless the mapper was misconfigured.
            return ("{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
