package io.chassis.resilience.internal;

import com.typesafe.config.Config;
import io.chassis.core.client.ClientException;
import io.chassis.core.client.ClientRejectedException;
import io.chassis.core.client.ClientTimeoutException;
import io.chassis.core.spi.ClientExtension;
import io.chassis.core.spi.ClientInterceptor;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Owns {@code chassis.clients.<name>.resilience}: each named client gets the protection its section
 * (over {@code profile-defaults}, <code>{name}</code> = the client's name) describes. Only
 * idempotent requests, or those with an {@code Idempotency-Key} header, are retried.
 */
final class ClientResilience implements ClientExtension {

    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final Config config;
    private final Instances instances;

    ClientResilience(Config config, Instances instances) {
        this.config = config;
        this.instances = instances;
    }

    @Override
    public String key() {
        return "resilience";
    }

    @Override
    public Optional<ClientInterceptor> interceptor(String client, String path) {
        ProfileSettings profile = instances.settings().profile(config, path, client);
        Protection protection = instances.protection(profile, client);
        return protection.isEmpty() ? Optional.empty() : Optional.of(chain -> intercept(protection, chain));
    }

    private static HttpResponse<byte[]> intercept(Protection protection, ClientInterceptor.Chain chain)
            throws IOException, InterruptedException {
        HttpRequest request = chain.request();
        boolean retryable = IDEMPOTENT.contains(request.method())
                || request.headers().firstValue("Idempotency-Key").isPresent();
        try {
            return protection.call(() -> chain.proceed(request), retryable);
        } catch (Exception e) {
            throw translate(e, chain, protection);
        }
    }

    /** Throws what the caller should see; returns only the wrapper for unexpected checked exceptions. */
    private static RuntimeException translate(Exception e, ClientInterceptor.Chain chain, Protection protection)
            throws IOException, InterruptedException {
        String method = chain.request().method();
        String client = chain.client();
        String template = chain.uriTemplate();
        if (e instanceof CallNotPermittedException) {
            throw new ClientRejectedException(client, method, template, "circuit-open", e);
        } else if (e instanceof RequestNotPermitted) {
            throw new ClientRejectedException(client, method, template, "rate-limited", e);
        } else if (e instanceof BulkheadFullException) {
            throw new ClientRejectedException(client, method, template, "bulkhead-full", e);
        } else if (e instanceof TimeoutException) {
            throw new ClientTimeoutException(
                    client, method, template, "was cut by the time limiter after " + protection.timeout(), e);
        } else if (e instanceof IOException io) {
            throw io;
        } else if (e instanceof InterruptedException interrupted) {
            throw interrupted;
        } else if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new ClientException(client, method, template, "failed: " + e, e);
    }
}
