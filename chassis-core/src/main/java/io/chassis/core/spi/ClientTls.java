package io.chassis.core.spi;

import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS material of one outgoing client, bound from a client's {@code tls} section ({@code trust},
 * {@code certificate}, {@code key}, {@code key-password}, {@code verify-host-name}) and watched by
 * core like {@link ServerTls}. Get one from {@link ModuleContext#clientTls}.
 */
public interface ClientTls {

    /**
     * @return the trust manager servers are checked against: the configured bundle, else the JDK's
     *     default trust store; when host-name verification is off it checks the chain only
     */
    X509ExtendedTrustManager trustManager();

    /** @return the client certificate for mTLS, empty when none is configured */
    Optional<X509ExtendedKeyManager> keyManager();

    /** @return whether the server's host name is checked against its certificate */
    boolean verifyHostName();

    /** @return a JDK context over these managers */
    SSLContext sslContext();
}
