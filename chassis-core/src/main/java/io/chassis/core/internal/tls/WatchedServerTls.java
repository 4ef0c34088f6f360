package io.chassis.core.internal.tls;

import io.chassis.core.spi.ServerTls;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** A server listener's TLS material, following its files (see {@link TlsRegistry}). */
public final class WatchedServerTls implements ServerTls {

    private final String listener;
    private final ServerTlsSettings settings;
    private final ReloadingKeyManager keys;
    private final ReloadingTrustManager trust;
    private final SSLContext context;
    private final List<Watched<?>> watched = new ArrayList<>();

    WatchedServerTls(String listener, String path, ServerTlsSettings settings) {
        this.listener = listener;
        this.settings = settings;
        if (!settings.enabled()) {
            keys = null;
            trust = null;
            context = null;
            return;
        }
        AtomicLong generation = new AtomicLong();
        List<TlsFile> identityFiles = settings.identityFiles(path);
        Material.Read first = Material.read(identityFiles);
        keys = new ReloadingKeyManager(Material.identity(settings, path, first, generation.getAndIncrement()));
        watched.add(new Watched<>(
                listener + " certificate",
                identityFiles,
                first,
                read -> Material.identity(settings, path, read, generation.getAndIncrement()),
                keys::use));
        if (settings.trust().isPresent()) {
            List<TlsFile> trustFiles =
                    List.of(new TlsFile(path + ".trust", settings.trust().get()));
            Material.Read bundle = Material.read(trustFiles);
            trust = new ReloadingTrustManager(Material.trust(bundle));
            watched.add(new Watched<>(listener + " trust bundle", trustFiles, bundle, Material::trust, trust::use));
        } else {
            trust = new ReloadingTrustManager(Material.trustNothing());
        }
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot create a TLS context", e);
        }
    }

    /** @return the listener's name, e.g. {@code http} */
    public String listener() {
        return listener;
    }

    /** @return the settings */
    public ServerTlsSettings settings() {
        return settings;
    }

    List<Watched<?>> watched() {
        return watched;
    }

    /** @return the leaf certificate in force */
    X509Certificate leaf() {
        return keys.current().leaf();
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    private void requireEnabled() {
        if (!settings.enabled()) {
            throw new IllegalStateException("TLS is not enabled for listener '" + listener + "'");
        }
    }

    @Override
    public X509ExtendedKeyManager keyManager() {
        requireEnabled();
        return keys;
    }

    @Override
    public X509ExtendedTrustManager trustManager() {
        requireEnabled();
        return trust;
    }

    @Override
    public List<String> protocols() {
        return settings.protocols();
    }

    @Override
    public List<String> cipherSuites() {
        return settings.cipherSuites();
    }

    @Override
    public ClientAuth clientAuth() {
        return settings.clientAuth();
    }

    @Override
    public SSLContext sslContext() {
        requireEnabled();
        return context;
    }
}
