package io.chassis.core.spi;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS material of one server listener, bound from a {@code tls} section (the same shape for
 * every listener: {@code chassis.http.tls}, {@code chassis.admin.tls}, {@code chassis.grpc.tls}) and
 * watched by core: its key and trust managers follow the files without a restart, core publishes
 * the {@code tls.certificate.expiry} gauge and a health contribution for it. Get one from {@link
 * ModuleContext#serverTls}.
 *
 * <p>The managers are reloading views: hand them to a TLS stack once; new handshakes use the
 * material in force when they start.
 */
public interface ServerTls {

    /** Whether and how the server asks the client for a certificate. */
    enum ClientAuth {
        /** no client certificate is asked for */
        NONE,
        /** a client certificate is asked for; a connection without one is accepted */
        OPTIONAL,
        /** a connection without a client certificate the trust bundle accepts is refused */
        REQUIRED
    }

    /** @return whether the section turns TLS on; when false, the other methods must not be used */
    boolean enabled();

    /**
     * @return the server's identity, always the pair in force (reloaded from the files)
     * @throws IllegalStateException when TLS is not enabled
     */
    X509ExtendedKeyManager keyManager();

    /**
     * @return the trust bundle client certificates are checked against (reloaded from its file); empty
     *     (trusting nothing) when no bundle is configured
     * @throws IllegalStateException when TLS is not enabled
     */
    X509ExtendedTrustManager trustManager();

    /** @return the enabled protocols, e.g. {@code [TLSv1.3, TLSv1.2]} */
    List<String> protocols();

    /** @return the enabled cipher suites, in order of preference; empty for the JDK's defaults */
    List<String> cipherSuites();

    /** @return whether the client must present a certificate */
    ClientAuth clientAuth();

    /**
     * @return a JDK context over {@link #keyManager()} and {@link #trustManager()} (protocols and
     *     cipher suites are set on each engine by the caller)
     * @throws IllegalStateException when TLS is not enabled
     */
    SSLContext sslContext();
}
