package io.chassis.health.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** UP when a GET of the URL answers with the expected status within the timeout. */
public final class HttpCheck implements HealthCheck {

    private final HttpClient client;
    private final HttpRequest request;
    private final int expectedStatus;

    /**
     * @param url what to GET
     * @param expectedStatus the status that means healthy
     * @param timeout for connecting and for the whole request
     */
    public HttpCheck(URI url, int expectedStatus, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        this.expectedStatus = expectedStatus;
    }

    @Override
    public HealthResult check() throws InterruptedException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", request.uri().toString());
        try {
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            details.put("status", status);
            return status == expectedStatus
                    ? HealthResult.up(details)
                    : new HealthResult(
                            HealthStatus.DOWN, "expected status " + expectedStatus + ", but got " + status, details);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new HealthResult(HealthStatus.DOWN, "GET failed: " + why, details);
        }
    }
}
