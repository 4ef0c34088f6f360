package io.chassis.core.internal.admin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigRules;
import io.chassis.core.Lifecycle;
import io.chassis.core.http.Context;
import io.chassis.core.http.Handler;
import io.chassis.core.http.HttpProblem;
import io.chassis.core.internal.server.AdminSettings;
import io.chassis.core.internal.server.PeerCertificates;
import io.chassis.core.internal.server.RouteTable;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who a protected admin endpoint answers, and wraps the handlers of protected routes with
 * that decision. In order: a verified client certificate ({@link #clientCertificateAccepted}: mTLS
 * on the admin port); else, with {@code chassis.admin.token} configured, exactly that bearer token
 * (compared in constant time, from every caller: a proxy on loopback does not make a caller local);
 * else a caller from {@code chassis.admin.trusted-networks}. A missing and a wrong token get the same
 * 401; an untrusted caller with no token configured gets 403, since no credential would help.
 */
public final class AdminAccess {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.core.admin");
    private static final String BEARER = "Bearer ";

    /**
     * What a caller is checked against; replaced as a whole when a reload changes {@code chassis.admin}.
     *
     * @param tokenDigest SHA-256 of the token; null when none is configured
     * @param trusted the trusted networks
     */
    private record Credentials(byte[] tokenDigest, TrustedNetworks trusted) {
        static Credentials of(AdminSettings settings) {
            return new Credentials(
                    settings.effectiveToken().map(AdminAccess::sha256).orElse(null),
                    TrustedNetworks.parse(settings.trustedNetworks()));
        }
    }

    private volatile Credentials credentials;

    private AdminAccess(AdminSettings settings) {
        this.credentials = Credentials.of(settings);
    }

    /**
     * The startup problems of {@code chassis.admin.endpoints}: a template no admin route has.
     *
     * @param config the resolved configuration, for the origins
     * @param settings the bound {@code chassis.admin}
     * @param routes every admin route, once modules and the application are configured
     * @return one problem per unknown template
     */
    public static List<ConfigProblem> unknownEndpoints(Config config, AdminSettings settings, AdminRouteTable routes) {
        Set<String> templates = templates(routes);
        ConfigRules rules = new ConfigRules(config);
        for (String template : settings.endpoints().keySet()) {
            rules.require(
                    templates.contains(template),
                    ConfigUtil.joinPath("chassis", "admin", "endpoints", template),
                    "name an admin endpoint " + templates,
                    template,
                    "Remove the key or use one of those templates.");
        }
        return rules.problems();
    }

    /**
     * The routes the admin listener serves: every protected route's handler checks the caller first.
     * Logs every endpoint's protection in one INFO line. A reload that changes {@code
     * chassis.admin.token} (e.g. a rotated secret file) or {@code trusted-networks} is in force for
     * the next request; {@code endpoints} is read at start only.
     *
     * @param settings the bound {@code chassis.admin}
     * @param routes every admin route
     * @param lifecycle where the reload listener is registered
     * @return the routes with protected handlers wrapped
     */
    public static RouteTable guard(AdminSettings settings, AdminRouteTable routes, Lifecycle lifecycle) {
        AdminAccess access = new AdminAccess(settings);
        lifecycle.onConfigChange(change -> {
            if (change.affects("chassis.admin.token") || change.affects("chassis.admin.trusted-networks")) {
                // validated by the reload already: core's sections are bound again before a change is put in force
                access.credentials =
                        Credentials.of(AdminSettings.from(change.current().config()));
                LOG.info(
                        "Admin credentials changed by a configuration reload: chassis.admin.token or trusted-networks");
            }
        });
        RouteTable guarded = new RouteTable();
        Map<String, AdminProtection> byTemplate = new LinkedHashMap<>();
        for (RouteTable.Route route : routes.table().routes()) {
            AdminProtection protection = settings.endpoints().getOrDefault(route.template(), routes.declared(route));
            byTemplate.merge(route.template(), protection, (a, b) -> a == AdminProtection.OPEN ? b : a);
            Handler handler = route.handler();
            guarded.add(
                    route.method(),
                    route.template(),
                    protection == AdminProtection.OPEN ? handler : access.protect(handler));
        }
        if (settings.enabled()) {
            StringBuilder list = new StringBuilder();
            byTemplate.forEach((template, protection) -> list.append(list.length() == 0 ? "" : ", ")
                    .append(template)
                    .append(' ')
                    .append(protection.name().toLowerCase(java.util.Locale.ROOT)));
            LOG.info(
                    "Admin endpoints: {}; protected ones answer {}",
                    list,
                    access.credentials.tokenDigest() != null
                            ? "the bearer token of chassis.admin.token"
                            : "only chassis.admin.trusted-networks " + settings.trustedNetworks()
                                    + " (no chassis.admin.token configured)");
        }
        return guarded;
    }

    private Handler protect(Handler handler) {
        Handler checked = ctx -> {
            check(ctx);
            return handler.handle(ctx);
        };
        return handler instanceof Handler.NonBlocking ? Handler.nonBlocking(checked) : checked;
    }

    private void check(Context ctx) {
        HttpServerExchange exchange = ctx.unsafeExchange();
        if (clientCertificateAccepted(exchange)) {
            return;
        }
        Credentials current = credentials;
        if (current.tokenDigest() != null) {
            if (!tokenMatches(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION), current.tokenDigest())) {
                throw HttpProblem.unauthorized("This admin endpoint requires the admin bearer token.")
                        .header("WWW-Authenticate", "Bearer realm=\"admin\"");
            }
            return;
        }
        if (!current.trusted().contains(exchange.getSourceAddress())) {
            throw HttpProblem.forbidden("This admin endpoint answers only clients from the trusted networks"
                    + " (chassis.admin.trusted-networks) while no chassis.admin.token is configured.");
        }
    }

    /**
     * Whether the caller presented a client certificate that the admin listener's TLS verified
     * ({@code chassis.admin.tls.client-auth} optional or required, against {@code
     * chassis.admin.tls.trust}): such a caller needs no token and may call from anywhere. On a
     * plaintext admin port nobody is accepted this way.
     *
     * @param exchange the request
     * @return true to let the caller in without a token
     */
    boolean clientCertificateAccepted(HttpServerExchange exchange) {
        // the handshake verified the chain against chassis.admin.tls.trust; plaintext: an empty list
        return !PeerCertificates.of(exchange).isEmpty();
    }

    private static boolean tokenMatches(String authorization, byte[] tokenDigest) {
        if (authorization == null
                || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        // Digests of equal length: the comparison takes as long for any wrong token, whatever its length.
        byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
        return MessageDigest.isEqual(presented, tokenDigest);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Set<String> templates(AdminRouteTable routes) {
        Set<String> templates = new TreeSet<>();
        routes.table().routes().forEach(route -> templates.add(route.template()));
        return templates;
    }
}
