package io.chassis.core.internal.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.http.Context;
import io.chassis.core.http.HttpProblem;
import io.chassis.core.internal.RequestIds;
import io.chassis.core.security.Principal;
import io.chassis.core.spi.Authenticator;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The {@link Context} of one exchange; created per request, so it keeps no more state than needed. */
final class ExchangeContext implements Context, Authenticator.Credentials {

    private final HttpServerExchange exchange;
    private final ObjectMapper mapper;
    private final byte[] body;
    private int status = 200;
    private Principal principal;

    ExchangeContext(HttpServerExchange exchange, ObjectMapper mapper, byte[] body) {
        this.exchange = exchange;
        this.mapper = mapper;
        this.body = body;
    }

    int status() {
        return status;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod().toString();
    }

    @Override
    public String path() {
        return exchange.getRequestPath();
    }

    @Override
    public String route() {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        return match == null ? null : match.getMatchedTemplate();
    }

    @Override
    public String requestId() {
        return RequestIds.of(exchange);
    }

    @Override
    public String pathParam(String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().get(name);
        if (value == null) {
            throw new IllegalArgumentException("route '" + route() + "' has no path parameter '" + name + "'");
        }
        return value;
    }

    @Override
    public Optional<String> queryParam(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    @Override
    public String requiredQueryParam(String name) {
        String value = queryParam(name).orElse("");
        if (value.isBlank()) {
            throw HttpProblem.badRequest("Query parameter '" + name + "' is required.");
        }
        return value;
    }

    @Override
    public List<String> queryParams(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null ? List.of() : List.copyOf(new ArrayList<>(values));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    @Override
    public <T> T body(Class<T> type) {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (!isJson(contentType)) {
            throw new HttpProblem(
                    415,
                    "Unsupported Media Type",
                    "Expected Content-Type application/json, but was '" + contentType + "'.");
        }
        if (body.length == 0) {
            throw HttpProblem.badRequest(JsonBodyProblems.REQUIRED);
        }
        T value;
        // Our own parser, closed only after the catch: a problem's detail reads the token it stopped at.
        try (JsonParser parser = mapper.createParser(body)) {
            try {
                value = mapper.readValue(parser, type);
            } catch (JsonProcessingException e) {
                throw HttpProblem.badRequest(JsonBodyProblems.detail(e));
            }
        } catch (IOException e) {
            throw HttpProblem.badRequest("Unreadable JSON body.");
        }
        if (value == null) {
            // the body was the JSON literal null: as missing as no body at all
            throw HttpProblem.badRequest(JsonBodyProblems.REQUIRED);
        }
        return value;
    }

    @Override
    public byte[] bodyBytes() {
        return body.clone();
    }

    @Override
    public Context status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599, but was '" + status + "'");
        }
        this.status = status;
        return this;
    }

    @Override
    public Context responseHeader(String name, String value) {
        exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
        return this;
    }

    @Override
    public Context result(String contentType, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        ConnectionTracker.lastResponseIfClosing(exchange);
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
        return this;
    }

    @Override
    public Context onComplete(Runnable action) {
        exchange.addExchangeCompleteListener((ex, next) -> {
            try {
                action.run();
            } finally {
                next.proceed();
            }
        });
        return this;
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    void principal(Principal principal) {
        this.principal = principal;
    }

    @Override
    public String transport() {
        return "http";
    }

    @Override
    public Context mdc(String key, String value) {
        ExchangeMdc.put(exchange, key, value);
        return this;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return PeerCertificates.of(exchange);
    }

    @Override
    public HttpServerExchange unsafeExchange() {
        return exchange;
    }

    /** application/json, application/problem+json, application/x+json; parameters allowed. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.regionMatches(true, 0, "application/", 0, 12)
                && (type.equalsIgnoreCase("application/json")
                        || type.regionMatches(true, type.length() - 5, "+json", 0, 5));
    }
}
