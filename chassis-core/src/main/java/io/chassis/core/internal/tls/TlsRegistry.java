package io.chassis.core.internal.tls;

import com.typesafe.config.Config;
import io.chassis.core.health.Health;
import io.chassis.core.health.HealthContribution;
import io.chassis.core.health.HealthResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every TLS section of one service: binds them, publishes {@code tls.certificate.expiry} and a {@code
 * tls-<listener>} health contribution per enabled server listener, and from {@link #start} polls the
 * files of all of them on one daemon thread.
 */
public final class TlsRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.core.tls");

    private final Config config;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Health health;
    private final List<Scheduled> watched = new CopyOnWriteArrayList<>();
    private final Map<String, WatchedServerTls> servers = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService poller; // guarded by this

    private record Scheduled(Watched<?> files, Duration every) {}

    /**
     * @param meters where the expiry gauge goes; null when metrics are off
     */
    public TlsRegistry(Config config, Clock clock, MeterRegistry meters, Health health) {
        this.config = config;
        this.clock = clock;
        this.meters = meters;
        this.health = health;
    }

    /**
     * Binds a server section and registers its gauge and health contribution.
     *
     * @throws io.chassis.config.ConfigProblemsException listing every problem of the section
     */
    public WatchedServerTls server(String path, String listener) {
        return server(ServerTlsSettings.from(config, path), path, listener);
    }

    /** Same as {@link #server(String, String)} for settings bound already. */
    public WatchedServerTls server(ServerTlsSettings settings, String path, String listener) {
        WatchedServerTls tls = new WatchedServerTls(listener, path, settings);
        servers.put(listener, tls);
        if (!settings.enabled()) {
            return tls;
        }
        tls.watched().forEach(w -> watched.add(new Scheduled(w, settings.reloadInterval())));
        if (meters != null) {
            Gauge.builder("tls.certificate.expiry", tls, t -> secondsLeft(t))
                    .description(
                            "Seconds until the notAfter of the listener's leaf certificate (negative once expired)")
                    .baseUnit("seconds")
                    .tag("listener", listener)
                    .register(meters);
        }
        Duration warning = settings.expiryWarning();
        HealthResult now = expiry(tls, warning);
        if (now.status() != io.chassis.core.health.HealthStatus.UP) {
            LOG.warn("{} ({}.expiry-warning = {})", now.message(), path, warning);
        }
        health.add(HealthContribution.builder("tls-" + listener, () -> expiry(tls, warning))
                .critical(false)
                .build());
        return tls;
    }

    /**
     * @param listener e.g. {@code http}
     * @return the material bound for that listener, or null when none was
     */
    public WatchedServerTls forListener(String listener) {
        return servers.get(listener);
    }

    /**
     * Binds a client section; a client that does not verify host names is logged as a WARN.
     *
     * @param name the client's name, for the log
     * @throws io.chassis.config.ConfigProblemsException listing every problem of the section
     */
    public WatchedClientTls client(String path, String name) {
        return client(ClientTlsSettings.from(config, path), path, name);
    }

    /** Same as {@link #client(String, String)} for settings bound already. */
    public WatchedClientTls client(ClientTlsSettings settings, String path, String name) {
        WatchedClientTls tls = new WatchedClientTls(name, path, settings);
        tls.watched().forEach(w -> watched.add(new Scheduled(w, settings.reloadInterval())));
        if (!settings.verifyHostName()) {
            LOG.warn(
                    "Client '{}' does NOT verify the server's host name ({}.verify-host-name = false): any server"
                            + " with a certificate from its trust bundle can impersonate it. Use it for tests only.",
                    name,
                    path);
        }
        return tls;
    }

    private double secondsLeft(WatchedServerTls tls) {
        return Duration.between(clock.instant(), tls.leaf().getNotAfter().toInstant())
                .toSeconds();
    }

    private HealthResult expiry(WatchedServerTls tls, Duration warning) {
        Instant notAfter = tls.leaf().getNotAfter().toInstant();
        Instant now = clock.instant();
        String subject = tls.leaf().getSubjectX500Principal().getName();
        if (!now.isBefore(notAfter)) {
            return HealthResult.degraded("The certificate of listener '" + tls.listener() + "' (" + subject
                    + ") expired at " + notAfter + ". Replace its files.");
        }
        if (now.plus(warning).isAfter(notAfter)) {
            return HealthResult.degraded("The certificate of listener '" + tls.listener() + "' (" + subject
                    + ") expires at " + notAfter + ", within " + warning + ". Replace its files.");
        }
        return HealthResult.up(Map.of("subject", subject, "not_after", notAfter.toString()));
    }

    /** Starts polling every section's files at its reload interval. */
    public synchronized void start() {
        if (poller != null || watched.isEmpty()) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chassis-tls-reload");
            t.setDaemon(true);
            return t;
        });
        for (Scheduled s : watched) {
            long millis = s.every().toMillis();
            poller.scheduleWithFixedDelay(s.files()::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops polling. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
