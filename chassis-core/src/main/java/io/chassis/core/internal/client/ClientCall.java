package io.chassis.core.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.core.client.ClientConnectionException;
import io.chassis.core.client.ClientException;
import io.chassis.core.client.ClientRequest;
import io.chassis.core.client.ClientResponse;
import io.chassis.core.client.ClientResponseException;
import io.chassis.core.client.ClientTimeoutException;
import io.chassis.core.internal.RequestIds;
import io.chassis.core.internal.security.CallerToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/** One request of a {@link NamedClient}: builds the JDK request, runs the chain, maps failures. */
final class ClientCall implements ClientRequest {

    private final NamedClient client;
    private final String method;
    private final String uriTemplate;
    private final StringBuilder pathAndQuery;
    private final List<String> headers = new ArrayList<>();
    private boolean hasQuery;
    private Object body;
    private Duration timeout;

    ClientCall(NamedClient client, String method, String uriTemplate, String path) {
        this.client = client;
        this.method = method;
        this.uriTemplate = uriTemplate;
        this.pathAndQuery = new StringBuilder(path);
    }

    @Override
    public ClientRequest header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    @Override
    public ClientRequest query(String name, Object value) {
        pathAndQuery.append(hasQuery ? '&' : '?');
        UriTemplates.encode(name, pathAndQuery);
        pathAndQuery.append('=');
        UriTemplates.encode(String.valueOf(value), pathAndQuery);
        hasQuery = true;
        return this;
    }

    @Override
    public ClientRequest body(Object body) {
        this.body = body;
        return this;
    }

    @Override
    public ClientRequest timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    @Override
    public <T> T send(Class<T> type) {
        ClientResult result = successful();
        if (type == String.class) {
            return type.cast(result.bodyAsString());
        }
        if (type == byte[].class) {
            return type.cast(result.rawBody());
        }
        return result.json(type);
    }

    @Override
    public <T> T send(TypeReference<T> type) {
        ClientResult result = successful();
        if (result.rawBody().length == 0) {
            return null;
        }
        try {
            return mapper().readValue(result.rawBody(), type);
        } catch (IOException e) {
            throw failure("answered " + result.status() + " with a body that is not JSON of " + type.getType(), e);
        }
    }

    @Override
    public void send() {
        successful();
    }

    @Override
    public ClientResponse exchange() {
        HttpRequest request = build();
        try {
            HttpResponse<byte[]> response =
                    new ClientChain(client.chain(), 0, request, client.name(), uriTemplate).proceed(request);
            return new ClientResult(this, response.statusCode(), response.headers(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new ClientConnectionException(client.name(), method, uriTemplate, "could not connect in time", e);
        } catch (HttpTimeoutException e) {
            throw new ClientTimeoutException(client.name(), method, uriTemplate, "got no answer in time", e);
        } catch (ConnectException e) {
            throw new ClientConnectionException(
                    client.name(), method, uriTemplate, "could not connect to " + client.baseUrl(), e);
        } catch (IOException e) {
            throw new ClientConnectionException(client.name(), method, uriTemplate, "failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was interrupted", e);
        }
    }

    private ClientResult successful() {
        ClientResult result = (ClientResult) exchange();
        if (!result.isSuccess()) {
            throw new ClientResponseException(
                    client.name(), method, uriTemplate, result.status(), result.rawBody(), result.problem(mapper()));
        }
        return result;
    }

    private HttpRequest build() {
        ClientSettings settings = client.settings();
        Duration wait = client.deadlines().cap(timeout != null ? timeout : settings.requestTimeout());
        if (wait.isZero() || wait.isNegative()) {
            throw new ClientTimeoutException(
                    client.name(), method, uriTemplate, "was not sent: the caller's deadline has passed", null);
        }
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri(settings.baseUrl())).timeout(wait).header("Accept", "application/json");
        for (Map.Entry<String, String> header : settings.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        boolean ownRequestId = false;
        boolean ownAuthorization = false;
        for (int i = 0; i < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
            ownRequestId |= headers.get(i).equalsIgnoreCase(RequestIds.HEADER.toString());
            ownAuthorization |= headers.get(i).equalsIgnoreCase("Authorization");
        }
        if (settings.forwardToken() && !ownAuthorization && !settings.headers().containsKey("Authorization")) {
            String token = CallerToken.current();
            if (token != null) {
                builder.header("Authorization", token);
            }
        }
        // The request id of the request being served travels downstream, unless the caller set one.
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null && !ownRequestId) {
            builder.header(RequestIds.HEADER.toString(), requestId);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json()));
        }
        return builder.build();
    }

    private URI uri(URI base) {
        String text = base.toString();
        int end = text.endsWith("/") ? text.length() - 1 : text.length();
        return URI.create(text.substring(0, end) + pathAndQuery);
    }

    private byte[] json() {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw failure("could not write its body as JSON: " + e.getOriginalMessage(), e);
        }
    }

    ObjectMapper mapper() {
        return client.mapper();
    }

    ClientException failure(String message, Throwable cause) {
        return new ClientException(client.name(), method, uriTemplate, message, cause);
    }
}
