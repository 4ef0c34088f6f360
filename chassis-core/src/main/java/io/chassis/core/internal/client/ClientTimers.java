package io.chassis.core.internal.client;

import io.chassis.core.internal.server.RequestTimers;
import io.chassis.core.spi.ClientInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every attempt of one client's calls as {@code http.client.requests}, tagged {@code client},
 * {@code method}, {@code uri} (the template), {@code status} and {@code outcome}. Failures without
 * an answer get status {@code TIMEOUT}, {@code IO_ERROR} or {@code CANCELLED} and outcome {@code
 * UNKNOWN}. The innermost interceptor, so retried attempts are counted one by one.
 */
final class ClientTimers implements ClientInterceptor {

    private final MeterRegistry registry;
    private final String client;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    ClientTimers(MeterRegistry registry, String client) {
        this.registry = registry;
        this.client = client;
    }

    @Override
    public HttpResponse<byte[]> intercept(Chain chain) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String status = "IO_ERROR";
        try {
            HttpResponse<byte[]> response = chain.proceed(chain.request());
            status = Integer.toString(response.statusCode());
            return response;
        } catch (HttpTimeoutException e) {
            status = "TIMEOUT";
            throw e;
        } catch (InterruptedException e) {
            status = "CANCELLED";
            throw e;
        } finally {
            timer(chain.request().method(), chain.uriTemplate(), status)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String method, String uri, String status) {
        // Keys are bounded like the tags: templates come from code, not from request data.
        return timers.computeIfAbsent(method + ' ' + status + ' ' + uri, k -> Timer.builder("http.client.requests")
                .description("HTTP client calls, by client and URI template; each retry attempt counts")
                .tag("client", client)
                .tag("method", method)
                .tag("uri", uri)
                .tag("status", status)
                .tag("outcome", outcome(status))
                .register(registry));
    }

    static String outcome(String status) {
        char first = status.charAt(0);
        if (status.length() != 3 || first < '1' || first > '5') {
            return "UNKNOWN";
        }
        return RequestTimers.outcome(Integer.parseInt(status));
    }
}
