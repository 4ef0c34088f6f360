package io.chassis.core.internal.tls;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigRules;
import io.chassis.core.spi.ServerTls.ClientAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated server {@code tls} section ({@code chassis.http.tls}, {@code chassis.admin.tls}, a
 * module's own). When enabled, its files are read and checked at bind time.
 *
 * @param enabled serve TLS
 * @param certificate PEM certificate chain, leaf first
 * @param key PEM PKCS#8 private key of the leaf
 * @param keyPassword password of an encrypted key
 * @param keystore PKCS#12 keystore holding key and chain (instead of certificate and key)
 * @param keystorePassword its password
 * @param protocols enabled protocols, TLSv1.2 and TLSv1.3 only
 * @param cipherSuites enabled cipher suites; empty for the JDK's defaults
 * @param clientAuth whether to ask for a client certificate
 * @param trust PEM bundle client certificates are checked against
 * @param reloadInterval how often the files are checked for a change
 * @param expiryWarning health turns DEGRADED this long before the leaf's notAfter
 */
public record ServerTlsSettings(
        boolean enabled,
        Optional<Path> certificate,
        Optional<Path> key,
        Optional<String> keyPassword,
        Optional<Path> keystore,
        Optional<String> keystorePassword,
        List<String> protocols,
        List<String> cipherSuites,
        ClientAuth clientAuth,
        Optional<Path> trust,
        Duration reloadInterval,
        Duration expiryWarning) {

    /**
     * Binds and validates the section at {@code path}; when enabled, loads its files once to check them.
     *
     * @param config the resolved configuration
     * @param path e.g. {@code chassis.http.tls}
     * @return the settings
     * @throws io.chassis.config.ConfigProblemsException listing every problem, files included
     */
    public static ServerTlsSettings from(Config config, String path) {
        ServerTlsSettings s = ConfigBinder.bind(config, path, ServerTlsSettings.class);
        ConfigRules rules = new ConfigRules(config);
        TlsRules.protocols(rules, path, s.protocols, s.cipherSuites, s.enabled);
        TlsRules.reloadInterval(rules, path, s.reloadInterval)
                .require(
                        !s.expiryWarning.isNegative(),
                        path + ".expiry-warning",
                        "not be negative",
                        s.expiryWarning,
                        "Use e.g. 14d.");
        if (s.enabled) {
            boolean pem = s.certificate.isPresent() || s.key.isPresent();
            rules.require(
                            !(pem && s.keystore.isPresent()),
                            path + ".keystore",
                            "be null when certificate and key are set",
                            s.keystore.map(Path::toString).orElse(""),
                            "Use PEM files (certificate + key) or a PKCS#12 keystore, not both.")
                    .require(
                            pem || s.keystore.isPresent(),
                            path + ".certificate",
                            "be set when TLS is enabled",
                            "null",
                            "Set certificate and key (PEM), or keystore (PKCS#12).")
                    .require(
                            !s.certificate.isPresent() || s.key.isPresent(),
                            path + ".key",
                            "be set with certificate",
                            "null",
                            "Name the PEM PKCS#8 key of the certificate.")
                    .require(
                            !s.key.isPresent() || s.certificate.isPresent(),
                            path + ".certificate",
                            "be set with key",
                            "null",
                            "Name the PEM certificate chain of the key.")
                    .require(
                            s.clientAuth == ClientAuth.NONE || s.trust.isPresent(),
                            path + ".trust",
                            "be set when client-auth is " + s.clientAuth.name().toLowerCase(java.util.Locale.ROOT),
                            "null",
                            "Name the PEM bundle of the CAs client certificates must chain to.");
            if (rules.problems().isEmpty()) {
                try {
                    Material.identity(s, path, Material.read(s.identityFiles(path)), 0);
                } catch (TlsMaterialException e) {
                    rules.add(fileProblem(rules, e));
                }
                if (s.trust.isPresent()) {
                    try {
                        Material.trust(Material.read(List.of(new TlsFile(path + ".trust", s.trust.get()))));
                    } catch (TlsMaterialException e) {
                        rules.add(fileProblem(rules, e));
                    }
                }
            }
        }
        rules.throwIfAny();
        return s;
    }

    /**
     * @return the problems {@link #from} finds in the section at {@code path}; empty when there are none
     */
    public static List<ConfigProblem> problems(Config config, String path) {
        try {
            from(config, path);
            return List.of();
        } catch (io.chassis.config.ConfigProblemsException e) {
            return e.problems();
        }
    }

    /** @return the files of the identity, with the keys that name them */
    List<TlsFile> identityFiles(String path) {
        if (keystore.isPresent()) {
            return List.of(new TlsFile(path + ".keystore", keystore.get()));
        }
        return List.of(new TlsFile(path + ".certificate", certificate.get()), new TlsFile(path + ".key", key.get()));
    }

    static ConfigProblem fileProblem(ConfigRules rules, TlsMaterialException e) {
        String key = e.getMessage().substring(0, Math.max(0, e.getMessage().indexOf(' ')));
        return new ConfigProblem(
                rules.originOf(key), key, "must name usable TLS material, but " + e.getMessage() + ".");
    }
}
