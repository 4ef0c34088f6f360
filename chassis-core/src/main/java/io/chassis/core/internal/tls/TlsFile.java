package io.chassis.core.internal.tls;

import java.nio.file.Path;

/**
 * One file of TLS material and the configuration key that names it.
 *
 * @param key e.g. {@code chassis.http.tls.certificate}
 * @param path the file
 */
record TlsFile(String key, Path path) {

    /** @return how problems name it, e.g. {@code chassis.http.tls.key (/etc/tls/key.pem)} */
    String describe() {
        return key + " (" + path + ")";
    }
}
