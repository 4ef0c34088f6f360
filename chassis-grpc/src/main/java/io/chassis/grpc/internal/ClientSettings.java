package io.chassis.grpc.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigMemorySize;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One named client, {@code chassis.grpc.clients.<name>} over {@code chassis.grpc.client-defaults}.
 *
 * @param target what grpc-java resolves: {@code dns:///host:port}, {@code static:///a:1,b:2}, {@code host:port}
 * @param deadline the deadline of a call that has none, neither its own nor the current call's
 * @param loadBalancing {@code pick_first} or {@code round_robin}
 * @param maxInboundMessageSize largest accepted response message
 * @param keepaliveTime ping after this long without reads; empty = no pings
 * @param retry the channel's retry policy (grpc-java's own retries, the only retry mechanism)
 * @param forwardToken send the {@code authorization} of the protected call (gRPC or HTTP) being
 *     served, unless the call sets its own
 */
public record ClientSettings(
        String target,
        Duration deadline,
        String loadBalancing,
        ConfigMemorySize maxInboundMessageSize,
        Optional<Duration> keepaliveTime,
        Retry retry,
        boolean forwardToken,
        Config tls) {

    /**
     * @param maxAttempts attempts of a call, the first included; 1 = no retries (grpc-java allows 5)
     * @param initialBackoff delay before the first retry (randomized by grpc-java)
     * @param maxBackoff longest delay between attempts
     * @param backoffMultiplier growth of the delay per attempt
     * @param statuses retried for every method: statuses that mean the call was not processed
     * @param idempotentMethods {@code package.Service/Method} or {@code package.Service/*}: also
     *     retried on {@code idempotentStatuses}
     * @param idempotentStatuses retried for the idempotent methods
     */
    public record Retry(
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            double backoffMultiplier,
            List<String> statuses,
            List<String> idempotentMethods,
            List<String> idempotentStatuses) {}

    static final String CLIENTS = "chassis.grpc.clients";
    private static final String DEFAULTS = "chassis.grpc.client-defaults";
    private static final Set<String> BALANCERS = Set.of("pick_first", "round_robin");
    private static final Set<String> CODES = codes();

    /**
     * Binds and validates every client.
     *
     * @return the clients by name, in the order configured
     * @throws io.chassis.config.ConfigProblemsException listing every problem
     */
    static Map<String, ClientSettings> all(Config config) {
        ConfigRules problems = new ConfigRules(config);
        Map<String, ClientSettings> clients = new LinkedHashMap<>();
        Config defaults = config.getConfig(DEFAULTS);
        for (String name : config.getObject(CLIENTS).keySet()) {
            String path = path(name);
            // "resilience" belongs to the resilience module (ClientGuard)
            Config own = config.getConfig(path).withoutPath("resilience").withFallback(defaults);
            ClientSettings s = problems.collect(() -> ConfigBinder.bind(
                    own.atPath(path).withFallback(config.withoutPath(path)), path, ClientSettings.class));
            if (s != null) {
                s.check(path, problems);
                clients.put(name, s);
            }
        }
        problems.throwIfAny();
        return clients;
    }

    /** @return the section of client {@code name} */
    static String path(String name) {
        return CLIENTS + "." + ConfigUtil.joinPath(name);
    }

    private void check(String path, ConfigRules problems) {
        String p = path + ".";
        problems.require(
                        target != null && !target.isBlank(),
                        p + "target",
                        "be set",
                        target,
                        "Name the server, e.g. target = \"dns:///rates:9090\" or \"static:///10.0.0.1:9090,10.0.0.2:9090\".")
                .require(
                        !deadline.isNegative() && !deadline.isZero(),
                        p + "deadline",
                        "be positive",
                        deadline,
                        "Use e.g. 5s.")
                .require(
                        BALANCERS.contains(loadBalancing),
                        p + "load-balancing",
                        "be pick_first or round_robin",
                        loadBalancing,
                        "Use round_robin to spread calls over every address the target resolves to.")
                .require(
                        maxInboundMessageSize.toBytes() > 0 && maxInboundMessageSize.toBytes() <= Integer.MAX_VALUE,
                        p + "max-inbound-message-size",
                        "be between 1B and 2GiB",
                        maxInboundMessageSize,
                        "Use e.g. 4MiB.")
                .require(
                        retry.maxAttempts >= 1 && retry.maxAttempts <= 5,
                        p + "retry.max-attempts",
                        "be between 1 and 5",
                        retry.maxAttempts,
                        "1 turns retries off; grpc-java makes at most 5 attempts.")
                .require(
                        retry.initialBackoff.toMillis() > 0 && retry.maxBackoff.compareTo(retry.initialBackoff) >= 0,
                        p + "retry.max-backoff",
                        "be at least retry.initial-backoff (" + retry.initialBackoff + "), both positive",
                        retry.maxBackoff,
                        "Use e.g. initial-backoff = 100ms, max-backoff = 2s.")
                .require(
                        retry.backoffMultiplier > 0,
                        p + "retry.backoff-multiplier",
                        "be positive",
                        retry.backoffMultiplier,
                        "Use e.g. 2.");
        for (String list : new String[] {"statuses", "idempotent-statuses"}) {
            List<String> values = list.equals("statuses") ? retry.statuses : retry.idempotentStatuses;
            List<String> unknown =
                    values.stream().filter(v -> !CODES.contains(v)).toList();
            problems.require(
                    unknown.isEmpty(),
                    p + "retry." + list,
                    "name gRPC status codes",
                    unknown,
                    "Use code names such as UNAVAILABLE, ABORTED.");
        }
        for (String method : retry.idempotentMethods) {
            int slash = method.indexOf('/');
            problems.require(
                    slash > 0 && slash < method.length() - 1 && method.indexOf('/', slash + 1) < 0,
                    p + "retry.idempotent-methods",
                    "hold package.Service/Method or package.Service/*",
                    method,
                    "e.g. \"currency.v1.CurrencyService/GetRate\".");
        }
    }

    /** @return grpc-java's service config for this client: load balancing and retry policy */
    Map<String, Object> serviceConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("loadBalancingConfig", List.of(Map.of(loadBalancing, Map.of())));
        if (retry.maxAttempts > 1) {
            List<Object> methods = new ArrayList<>();
            if (!retry.statuses.isEmpty()) {
                // an empty name: the default of every method
                methods.add(Map.of("name", List.of(Map.of()), "retryPolicy", policy(retry.statuses)));
            }
            if (!retry.idempotentMethods.isEmpty() && !retry.idempotentStatuses.isEmpty()) {
                List<String> codes = new ArrayList<>(retry.statuses);
                retry.idempotentStatuses.stream()
                        .filter(c -> !codes.contains(c))
                        .forEach(codes::add);
                List<Object> names = new ArrayList<>();
                for (String method : retry.idempotentMethods) {
                    int slash = method.indexOf('/');
                    String service = method.substring(0, slash);
                    String bare = method.substring(slash + 1);
                    names.add(
                            bare.equals("*") ? Map.of("service", service) : Map.of("service", service, "method", bare));
                }
                methods.add(Map.of("name", names, "retryPolicy", policy(codes)));
            }
            if (!methods.isEmpty()) {
                config.put("methodConfig", methods);
            }
        }
        return config;
    }

    private Map<String, Object> policy(List<String> codes) {
        return Map.of(
                "maxAttempts", (double) retry.maxAttempts,
                "initialBackoff", seconds(retry.initialBackoff),
                "maxBackoff", seconds(retry.maxBackoff),
                "backoffMultiplier", retry.backoffMultiplier,
                "retryableStatusCodes", List.copyOf(codes));
    }

    private static String seconds(Duration d) {
        return (d.toNanos() / 1e9) + "s";
    }

    private static Set<String> codes() {
        Set<String> names = new java.util.HashSet<>();
        for (Status.Code code : Status.Code.values()) {
            names.add(code.name());
        }
        return Set.copyOf(names);
    }
}
