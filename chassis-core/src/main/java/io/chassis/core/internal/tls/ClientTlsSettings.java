package io.chassis.core.internal.tls;

import com.typesafe.config.Config;
import io.chassis.config.ConfigBinder;
import io.chassis.config.ConfigRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A validated client {@code tls} section, e.g. {@code chassis.clients.<name>.tls}.
 *
 * @param trust PEM bundle the server's certificate must chain to; empty for the JDK's trust store
 * @param certificate PEM client certificate chain for mTLS
 * @param key its PEM PKCS#8 key
 * @param keyPassword password of an encrypted key
 * @param verifyHostName check the server's host name against its certificate
 * @param reloadInterval how often the files are checked for a change
 */
public record ClientTlsSettings(
        Optional<Path> trust,
        Optional<Path> certificate,
        Optional<Path> key,
        Optional<String> keyPassword,
        boolean verifyHostName,
        java.time.Duration reloadInterval) {

    /**
     * Binds and validates the section at {@code path} and loads its files once to check them.
     *
     * @throws io.chassis.config.ConfigProblemsException listing every problem, files included
     */
    public static ClientTlsSettings from(Config config, String path) {
        ClientTlsSettings s = ConfigBinder.bind(config, path, ClientTlsSettings.class);
        ConfigRules rules = new ConfigRules(config);
        TlsRules.reloadInterval(rules, path, s.reloadInterval)
                .require(
                        !s.certificate.isPresent() || s.key.isPresent(),
                        path + ".key",
                        "be set with certificate",
                        "null",
                        "Name the PEM PKCS#8 key of the client certificate.")
                .require(
                        !s.key.isPresent() || s.certificate.isPresent(),
                        path + ".certificate",
                        "be set with key",
                        "null",
                        "Name the PEM client certificate chain of the key.");
        if (rules.problems().isEmpty()) {
            if (s.certificate.isPresent()) {
                try {
                    Material.identity(s.identityFiles(path), Material.read(s.identityFiles(path)), s.keyPassword, 0);
                } catch (TlsMaterialException e) {
                    rules.add(ServerTlsSettings.fileProblem(rules, e));
                }
            }
            if (s.trust.isPresent()) {
                try {
                    Material.trust(Material.read(List.of(new TlsFile(path + ".trust", s.trust.get()))));
                } catch (TlsMaterialException e) {
                    rules.add(ServerTlsSettings.fileProblem(rules, e));
                }
            }
        }
        rules.throwIfAny();
        return s;
    }

    /** @return the client certificate and key files, empty when none is configured */
    List<TlsFile> identityFiles(String path) {
        return certificate.isEmpty()
                ? List.of()
                : List.of(new TlsFile(path + ".certificate", certificate.get()), new TlsFile(path + ".key", key.get()));
    }
}
