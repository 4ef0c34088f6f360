package io.chassis.core.internal.tls;

import io.chassis.config.ConfigRules;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** The protocol and cipher suite rules every {@code tls} section follows. */
final class Protocols {

    private static final Set<String> ALLOWED = Set.of("TLSv1.3", "TLSv1.2");

    private Protocols() {}

    static void check(ConfigRules rules, String path, List<String> protocols, List<String> cipherSuites) {
        rules.require(!protocols.isEmpty(), path + ".protocols", "not be empty", protocols, "Use [TLSv1.3, TLSv1.2].");
        for (int i = 0; i < protocols.size(); i++) {
            rules.require(
                    ALLOWED.contains(protocols.get(i)),
                    path + ".protocols[" + i + "]",
                    "be TLSv1.3 or TLSv1.2 (older protocols are broken)",
                    protocols.get(i),
                    "Remove it; use [TLSv1.3, TLSv1.2].");
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
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }
}
