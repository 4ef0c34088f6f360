package io.chassis.core.internal.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigMemorySize;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import java.time.Duration;

/**
 * The validated {@code chassis.http} section.
 *
 * @param port listening port, 0 for an ephemeral one
 * @param host interface to bind
 * @param maxBodySize largest request body
 * @param maxHeaderSize largest request header block
 * @param requestParseTimeout time allowed to send request line and headers
 * @param requestBodyTimeout time allowed to send the whole body, counted from the end of the headers
 * @param idleTimeout idle connection timeout
 * @param noRequestTimeout keep-alive timeout between requests
 * @param maxConcurrentRequests requests in progress at once before answering 503
 * @param retryAfter Retry-After value on those 503 answers
 * @param ioThreads IO threads, 0 for the default
 * @param workerThreads worker threads, 0 for the default
 * @param virtualThreads run blocking handlers on virtual threads
 * @param dispatch where handlers marked neither blocking nor non-blocking run
 * @param accessLog access log settings
 * @param cors CORS settings
 * @param tls TLS on this listener
 * @param http2 HTTP/2 settings
 */
public record HttpSettings(
        int port,
        String host,
        ConfigMemorySize maxBodySize,
        ConfigMemorySize maxHeaderSize,
        Duration requestParseTimeout,
        Duration requestBodyTimeout,
        Duration idleTimeout,
        Duration noRequestTimeout,
        int maxConcurrentRequests,
        Duration retryAfter,
        int ioThreads,
        int workerThreads,
        boolean virtualThreads,
        Dispatch dispatch,
        AccessLog accessLog,
        CorsSettings cors,
        io.chassis.core.internal.tls.ServerTlsSettings tls,
        Http2 http2) {

    /**
     * @param mode {@code adaptive}: learned per route (see {@code LearnedDispatch}); {@code worker}: all on the
     *     worker pool (or virtual threads)
     * @param learningCalls calls of a route judged before it may move to the IO thread
     * @param ioThreadBudget how long one call may hold an IO thread before its route moves back to the
     *     worker pool
     */
    public record Dispatch(String mode, int learningCalls, Duration ioThreadBudget) {

        /** @return whether routes are learned rather than all dispatched */
        public boolean adaptive() {
            return mode.equals("adaptive");
        }
    }

    /** @param enabled log one line per request on {@code chassis.access} */
    public record AccessLog(boolean enabled) {}

    /**
     * @param enabled offer HTTP/2 by ALPN on TLS connections
     * @param h2c accept cleartext HTTP/2 with prior knowledge beside HTTP/1.1 on a plaintext port
     */
    public record Http2(boolean enabled, boolean h2c) {}

    private static final String P = "chassis.http.";
    /** A body is read into one array. */
    private static final long MAX_BODY_SIZE = 1L << 30;

    /**
     * Binds and validates {@code chassis.http}.
     *
     * @param config the resolved configuration
     * @param virtualThreadsAvailable whether this JVM has virtual threads
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every invalid value
     */
    public static HttpSettings from(Config config, boolean virtualThreadsAvailable) {
        HttpSettings s = ConfigBinder.bind(config, "chassis.http", HttpSettings.class);
        ConfigRules rules = new ConfigRules(config);
        rules.addAll(io.chassis.core.internal.tls.ServerTlsSettings.problems(config, P + "tls"));
        CorsSettings.check(s.cors, rules);
        rules.require(
                        s.port >= 0 && s.port <= 65535,
                        P + "port",
                        "be between 0 and 65535",
                        s.port,
                        "Use 0 for a free port.")
                .require(
                        s.maxBodySize.toBytes() > 0 && s.maxBodySize.toBytes() <= MAX_BODY_SIZE,
                        P + "max-body-size",
                        "be between 1B and 1GiB",
                        s.maxBodySize,
                        "Use e.g. 1MiB.")
                .require(
                        s.maxHeaderSize.toBytes() >= 1024 && s.maxHeaderSize.toBytes() <= Integer.MAX_VALUE,
                        P + "max-header-size",
                        "be between 1KiB and 2GiB",
                        s.maxHeaderSize,
                        "Use e.g. 16KiB.")
                .require(
                        positiveMillis(s.requestParseTimeout),
                        P + "request-parse-timeout",
                        "be at least 1ms",
                        s.requestParseTimeout,
                        "Use e.g. 10s.")
                .require(
                        positiveMillis(s.requestBodyTimeout),
                        P + "request-body-timeout",
                        "be at least 1ms",
                        s.requestBodyTimeout,
                        "Use e.g. 30s.")
                .require(
                        positiveMillis(s.idleTimeout),
                        P + "idle-timeout",
                        "be at least 1ms",
                        s.idleTimeout,
                        "Use e.g. 60s.")
                .require(
                        positiveMillis(s.noRequestTimeout),
                        P + "no-request-timeout",
                        "be at least 1ms",
                        s.noRequestTimeout,
                        "Use e.g. 60s.")
                .require(
                        s.maxConcurrentRequests > 0,
                        P + "max-concurrent-requests",
                        "be positive",
                        s.maxConcurrentRequests,
                        "Use e.g. 1000.")
                .require(
                        s.retryAfter.toSeconds() >= 1,
                        P + "retry-after",
                        "be at least 1s",
                        s.retryAfter,
                        "Use e.g. 1s.")
                .require(
                        s.ioThreads >= 0,
                        P + "io-threads",
                        "be zero (one per core) or positive",
                        s.ioThreads,
                        "Use 0 for the default.")
                .require(
                        s.workerThreads >= 0,
                        P + "worker-threads",
                        "be zero (8 per IO thread) or positive",
                        s.workerThreads,
                        "Use 0 for the default.")
                .require(
                        s.dispatch.mode.equals("adaptive") || s.dispatch.mode.equals("worker"),
                        P + "dispatch.mode",
                        "be adaptive or worker",
                        s.dispatch.mode,
                        "Use adaptive (the default) or worker (every handler not marked non-blocking on the worker pool).")
                .require(
                        s.dispatch.learningCalls >= 1,
                        P + "dispatch.learning-calls",
                        "be positive",
                        s.dispatch.learningCalls,
                        "Use e.g. 500.")
                .require(
                        s.dispatch.ioThreadBudget.toMillis() >= 2 && s.dispatch.ioThreadBudget.toMillis() <= 10_000,
                        P + "dispatch.io-thread-budget",
                        "be between 2ms and 10s",
                        s.dispatch.ioThreadBudget,
                        "Use e.g. 20ms.")
                .require(
                        !s.virtualThreads || virtualThreadsAvailable,
                        P + "virtual-threads",
                        "be false on Java " + Runtime.version().feature() + " (virtual threads need Java 21+)",
                        true,
                        "Run on Java 21+ or set it to false.")
                .throwIfAny();
        return s;
    }

    private static boolean positiveMillis(Duration d) {
        return d.toMillis() >= 1 && d.toMillis() <= Integer.MAX_VALUE;
    }
}
