package io.chassis.grpc.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigMemorySize;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import java.time.Duration;
import java.util.Optional;

/**
 * The validated {@code chassis.grpc} section (defaults in the module's reference.conf).
 *
 * @param enabled whether the gRPC port opens
 * @param port listening port, 0 for an ephemeral one
 * @param host interface to bind
 * @param maxInboundMessageSize largest request message
 * @param maxInboundMetadataSize largest metadata block of a call
 * @param maxConcurrentCallsPerConnection HTTP/2 streams in progress per connection
 * @param keepaliveTime ping after this long without reads
 * @param keepaliveTimeout close when a ping is not answered within this
 * @param permitKeepaliveTime shortest client ping interval accepted
 * @param permitKeepaliveWithoutCalls accept client pings on connections without calls
 * @param maxConnectionAge close connections older than this; empty for never
 * @param maxConnectionAgeGrace time the calls of such a connection get; empty for unlimited
 * @param handshakeTimeout time allowed for the HTTP/2 handshake
 * @param executor the threads that run calls
 * @param reflection the reflection service
 * @param health the health service
 * @param accessLog the access log
 * @param gateway the JSON/REST gateway on the HTTP port
 * @param clients the named clients, bound by {@link ClientSettings}
 * @param clientDefaults what a named client takes for keys it does not set
 */
public record GrpcSettings(
        boolean enabled,
        int port,
        String host,
        ConfigMemorySize maxInboundMessageSize,
        ConfigMemorySize maxInboundMetadataSize,
        int maxConcurrentCallsPerConnection,
        Duration keepaliveTime,
        Duration keepaliveTimeout,
        Duration permitKeepaliveTime,
        boolean permitKeepaliveWithoutCalls,
        Optional<Duration> maxConnectionAge,
        Optional<Duration> maxConnectionAgeGrace,
        Duration handshakeTimeout,
        Config tls,
        Pool executor,
        Switch reflection,
        Switch health,
        Switch accessLog,
        Gateway gateway,
        Config clients,
        Config clientDefaults) {

    /**
     * @param threads threads running calls, 0 for 8 per CPU core
     * @param queue call tasks waiting for a thread
     */
    public record Pool(int threads, int queue) {

        /** @return the number of threads, the default resolved */
        public int resolvedThreads() {
            return threads == 0 ? 8 * Runtime.getRuntime().availableProcessors() : threads;
        }
    }

    /**
     * @param enabled serve the google.api.http rules of the registered services on the HTTP port
     * @param forwardHeaders HTTP request headers passed on as metadata, besides the built-in ones
     * @param openapi the OpenAPI document's settings
     */
    public record Gateway(boolean enabled, java.util.List<String> forwardHeaders, OpenApi openapi) {}

    /** @param descriptorSets descriptor sets with source info, for the comments ({@code classpath:} or a path) */
    public record OpenApi(java.util.List<String> descriptorSets) {}

    /** @param enabled whether the feature is on */
    public record Switch(boolean enabled) {}

    static final String PATH = "chassis.grpc";
    private static final String P = PATH + ".";

    /**
     * Binds and validates {@code chassis.grpc}.
     *
     * @param config the resolved configuration
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every invalid value
     */
    public static GrpcSettings from(Config config) {
        GrpcSettings s = ConfigBinder.bind(config, PATH, GrpcSettings.class);
        new ConfigRules(config)
                .require(
                        s.port >= 0 && s.port <= 65535,
                        P + "port",
                        "be between 0 and 65535",
                        s.port,
                        "Use 0 for a free port.")
                .require(!s.host.isBlank(), P + "host", "not be blank", s.host, "Use e.g. 0.0.0.0.")
                .require(
                        intBytes(s.maxInboundMessageSize, 1),
                        P + "max-inbound-message-size",
                        "be between 1B and 2GiB",
                        s.maxInboundMessageSize,
                        "Use e.g. 4MiB.")
                .require(
                        intBytes(s.maxInboundMetadataSize, 1024),
                        P + "max-inbound-metadata-size",
                        "be between 1KiB and 2GiB",
                        s.maxInboundMetadataSize,
                        "Use e.g. 8KiB.")
                .require(
                        s.maxConcurrentCallsPerConnection > 0,
                        P + "max-concurrent-calls-per-connection",
                        "be positive",
                        s.maxConcurrentCallsPerConnection,
                        "Use e.g. 100.")
                .require(
                        positive(s.keepaliveTime),
                        P + "keepalive-time",
                        "be at least 1ms",
                        s.keepaliveTime,
                        "Use e.g. 2h.")
                .require(
                        positive(s.keepaliveTimeout),
                        P + "keepalive-timeout",
                        "be at least 1ms",
                        s.keepaliveTimeout,
                        "Use e.g. 20s.")
                .require(
                        !s.permitKeepaliveTime.isNegative(),
                        P + "permit-keepalive-time",
                        "not be negative",
                        s.permitKeepaliveTime,
                        "Use e.g. 5m.")
                .require(
                        s.maxConnectionAge.map(GrpcSettings::positive).orElse(true),
                        P + "max-connection-age",
                        "be at least 1ms or null (never)",
                        s.maxConnectionAge.orElse(null),
                        "Use e.g. 30m.")
                .require(
                        s.maxConnectionAgeGrace.map(d -> !d.isNegative()).orElse(true),
                        P + "max-connection-age-grace",
                        "not be negative",
                        s.maxConnectionAgeGrace.orElse(null),
                        "Use e.g. 30s, or null for unlimited.")
                .require(
                        positive(s.handshakeTimeout),
                        P + "handshake-timeout",
                        "be at least 1ms",
                        s.handshakeTimeout,
                        "Use e.g. 20s.")
                .require(
                        s.executor.threads >= 0,
                        P + "executor.threads",
                        "be zero (8 per core) or positive",
                        s.executor.threads,
                        "Use 0 for the default.")
                .require(s.executor.queue > 0, P + "executor.queue", "be positive", s.executor.queue, "Use e.g. 1000.")
                .throwIfAny();
        return s;
    }

    private static boolean intBytes(ConfigMemorySize size, long min) {
        return size.toBytes() >= min && size.toBytes() <= Integer.MAX_VALUE;
    }

    private static boolean positive(Duration d) {
        return d.toMillis() >= 1;
    }
}
