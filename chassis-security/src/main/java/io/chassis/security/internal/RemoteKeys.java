package io.chassis.security.internal;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.events.Event;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's JWK set at its {@code jwks-url}, through nimbus-jose-jwt's {@link JWKSourceBuilder}:
 * cached, refreshed ahead of expiry in the background, fetched again for an unknown {@code kid} at
 * most twice per {@code min-refresh-interval}, each fetch bounded by its timeouts and size limit,
 * retried once, and the last set served while the endpoint fails. Nothing here caches by hand.
 */
final class RemoteKeys implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(RemoteKeys.class);

    private final Issuer issuer;
    private final ExecutorService refresher;
    private final JWKSource<SecurityContext> source;
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Builds the source; starts no thread (the refresher starts one on first use). */
    RemoteKeys(Issuer issuer) {
        this.issuer = issuer;
        IssuerSettings.Jwks j = issuer.settings().jwks();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "chassis-jwks-" + issuer.name());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.refresher = executor;
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) j.connectTimeout().toMillis(), (int) j.readTimeout().toMillis(), (int)
                        j.sizeLimit().toBytes());
        JWKSetSource<SecurityContext> fetch =
                new LoggingSource(new URLBasedJWKSetSource<>(issuer.jwksUrl(), retriever));
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.create(fetch)
                .cache(j.cacheLifetime().toMillis(), j.refreshTimeout().toMillis())
                .rateLimited(
                        j.minRefreshInterval().toMillis(),
                        event -> log.debug(
                                "JWKS of issuer {} not fetched: at most two fetches per {}",
                                issuer.name(),
                                j.minRefreshInterval()))
                .retrying(j.retry());
        if (j.refreshAhead().isZero()) {
            builder.refreshAheadCache(false);
        } else {
            builder.refreshAheadCache(j.refreshAhead().toMillis(), null, executor, true, null, false);
        }
        if (j.outageTolerance().isZero()) {
            builder.outageTolerant(false);
        } else {
            builder.outageTolerant(j.outageTolerance().toMillis(), this::outage);
        }
        this.source = builder.build();
    }

    /** @return the source the key selector asks */
    JWKSource<SecurityContext> source() {
        return source;
    }

    /**
     * Fetches the set in the background, so the first token finds it cached; never blocks. A failure
     * is logged; the next token fetches again.
     */
    void prefetch() {
        refresher.execute(() -> {
            try {
                source.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
            } catch (Exception e) {
                // LoggingSource has said why, as a warning
                log.debug("JWKS of issuer {} not fetched at start: {}", issuer.name(), e.toString());
            }
        });
    }

    /** One fetch and parse of the set; logs when fetching starts failing and when it works again. */
    private final class LoggingSource implements JWKSetSource<SecurityContext> {

        private final JWKSetSource<SecurityContext> delegate;

        LoggingSource(JWKSetSource<SecurityContext> delegate) {
            this.delegate = delegate;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long now, SecurityContext context)
                throws KeySourceException {
            try {
                JWKSet set = delegate.getJWKSet(evaluator, now, context);
                if (failing.getAndSet(false)) {
                    log.info("JWKS of issuer {} at {} fetched again", issuer.name(), issuer.jwksUrl());
                }
                return set;
            } catch (KeySourceException | RuntimeException e) {
                if (!failing.getAndSet(true)) {
                    log.warn(
                            "JWKS of issuer {} at {} cannot be fetched: {}; tokens are checked against the keys"
                                    + " fetched before, if any, for up to {} (outage-tolerance) after that fetch;"
                                    + " others are rejected until a fetch succeeds",
                            issuer.name(),
                            issuer.jwksUrl(),
                            e.getCause() == null ? e.getMessage() : e.getCause().toString(),
                            issuer.settings().jwks().outageTolerance());
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    private void outage(Event<OutageTolerantJWKSetSource<SecurityContext>, SecurityContext> event) {
        if (event instanceof OutageTolerantJWKSetSource.OutageEvent<SecurityContext> outage) {
            log.debug(
                    "JWKS of issuer {} unavailable; using the keys fetched before for {} ms more",
                    issuer.name(),
                    outage.getRemainingTime());
        }
    }

    @Override
    public void close() throws IOException {
        if (source instanceof Closeable closeable) {
            closeable.close();
        }
        refresher.shutdownNow();
    }
}
