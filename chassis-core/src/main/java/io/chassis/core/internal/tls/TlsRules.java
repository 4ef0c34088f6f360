package io.chassis.core.internal.tls;

import io.chassis.config.ConfigRules;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** Rules every {@code tls} section follows: protocols, cipher suites, the reload interval. */
final class TlsRules {

    private static final Set<String> ALLOWED = Set.of("TLSv1.3", "TLSv1.2");

    private TlsRules() {}

    /** @return {@code rules}, with a problem when the files would be polled more often than every 100 ms */
    static ConfigRules reloadInterval(ConfigRules rules, String path, Duration interval) {
        return rules.require(
                interval.toMillis() >= 100, path + ".reload-interval", "be at least 100ms", interval, "Use e.g. 10s.");
    }

    /**
     * @param checkCipherSuites whether to ask the JVM which suites it supports: only for a section that
     *     is enabled, since that loads the JDK's TLS provider (a few hundred classes at startup)
     */
    static void protocols(
            ConfigRules rules,
            String path,
            List<String> protocols,
            List<String> cipherSuites,
            boolean checkCipherSuites) {
        rules.require(!protocols.isEmpty(), path + ".protocols", "not be empty", protocols, "Use [TLSv1.3, TLSv1.2].");
        for (int i = 0; i < protocols.size(); i++) {
            rules.require(
                    ALLOWED.contains(protocols.get(i)),
                    path + ".protocols[" + i + "]",
                    "be TLSv1.3 or TLSv1.2 (older protocols are broken)",
                    protocols.get(i),
                    "Remove it; use [TLSv1.3, TLSv1.2].");
        }
        if (!checkCipherSuites) {
            return;
        }
        Set<String> supported = supportedCipherSuites();
        for (int i = 0; i < cipherSuites.size(); i++) {
            rules.require(
                    supported.contains(cipherSuites.get(i)),
                    path + ".cipher-suites[" + i + "]",
                    "be a cipher suite this JVM supports",
                    cipherSuites.get(i),
                    "Use a name such as TLS_AES_128_GCM_SHA256, or [] for the JDK's defaults.");
        }
    }

    private static Set<String> supportedCipherSuites() {
        try {
            // No key or trust material: what is supported does not depend on it, and the JDK's default
            // context would parse the whole cacerts trust store first.
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return Set.of(context.getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("the JVM has no TLS context", e);
        }
    }
}
