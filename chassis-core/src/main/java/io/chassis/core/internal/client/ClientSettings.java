package io.chassis.core.internal.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * The validated settings of one named client: {@code chassis.clients.<name>} over {@code
 * chassis.client-defaults}.
 *
 * @param baseUrl absolute http(s) URL every path is relative to
 * @param connectTimeout time to establish a connection
 * @param requestTimeout time to wait for the response headers of one attempt
 * @param headers sent with every request
 * @param forwardToken send the Authorization header of the request being served (a protected
 *     route's), unless the call sets its own
 * @param tls trust bundle, client certificate and host-name verification for an https base URL
 */
public record ClientSettings(
        URI baseUrl,
        Duration connectTimeout,
        Duration requestTimeout,
        Map<String, String> headers,
        boolean forwardToken,
        io.chassis.core.internal.tls.ClientTlsSettings tls) {

    /** @return the path of a client's section, e.g. {@code chassis.clients.payments} */
    static String path(String name) {
        return "chassis.clients." + ConfigUtil.joinPath(name);
    }

    /**
     * Binds and validates one client. Keys owned by client extensions are left to them; any other key
     * core does not know is reported.
     *
     * @param config the resolved configuration
     * @param name the client's name
     * @param extensionKeys keys other modules own, e.g. {@code resilience}
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every problem
     */
    static ClientSettings from(Config config, String name, Collection<String> extensionKeys) {
        String path = path(name);
        Config own = config.getConfig(path);
        for (String key : extensionKeys) {
            own = own.withoutPath(ConfigUtil.joinPath(key));
        }
        Config merged = own.withFallback(config.getConfig("chassis.client-defaults"))
                .atPath(path)
                .withFallback(config.withoutPath(path)); // the rest keeps masking settings; the client's keys go

        ClientSettings bound = ConfigBinder.bind(merged, path, ClientSettings.class);
        URI url = bound.baseUrl;
        ConfigRules rules = new ConfigRules(merged); // the client's values and the defaults it inherited
        io.chassis.core.internal.tls.ClientTlsSettings tls =
                rules.collect(() -> io.chassis.core.internal.tls.ClientTlsSettings.from(merged, path + ".tls"));
        ClientSettings s = new ClientSettings(
                bound.baseUrl, bound.connectTimeout, bound.requestTimeout, bound.headers, bound.forwardToken, tls);
        rules.require(
                        url.isAbsolute()
                                && ("http".equalsIgnoreCase(url.getScheme())
                                        || "https".equalsIgnoreCase(url.getScheme()))
                                && url.getHost() != null
                                && url.getRawQuery() == null,
                        path + ".base-url",
                        "be an absolute http or https URL without query",
                        url,
                        "Use e.g. http://payments:8080 or https://api.example.com/v1.")
                .require(
                        positive(s.connectTimeout),
                        path + ".connect-timeout",
                        "be at least 1ms",
                        s.connectTimeout,
                        "Use e.g. 2s.")
                .require(
                        positive(s.requestTimeout),
                        path + ".request-timeout",
                        "be at least 1ms",
                        s.requestTimeout,
                        "Use e.g. 5s.")
                .throwIfAny();
        return s;
    }

    private static boolean positive(Duration d) {
        return d.toMillis() >= 1;
    }
}
