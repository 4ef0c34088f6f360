package io.chassis.core.internal.tls;

import io.chassis.core.spi.ClientTls;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** A client's TLS material, following its files (see {@link TlsRegistry}). */
public final class WatchedClientTls implements ClientTls {

    private final ClientTlsSettings settings;
    private final ReloadingKeyManager keys;
    private final X509ExtendedTrustManager trust;
    private final SSLContext context;
    private final List<Watched<?>> watched = new ArrayList<>();

    WatchedClientTls(String name, String path, ClientTlsSettings settings) {
        this.settings = settings;
        AtomicLong generation = new AtomicLong();
        List<TlsFile> identityFiles = settings.identityFiles(path);
        if (identityFiles.isEmpty()) {
            keys = null;
        } else {
            Material.Read first = Material.read(identityFiles);
            keys = new ReloadingKeyManager(
                    Material.identity(identityFiles, first, settings.keyPassword(), generation.getAndIncrement()));
            watched.add(new Watched<>(
                    "client '" + name + "' certificate",
                    identityFiles,
                    first,
                    read -> Material.identity(
                            identityFiles, read, settings.keyPassword(), generation.getAndIncrement()),
                    keys::use));
        }
        X509ExtendedTrustManager chain;
        if (settings.trust().isPresent()) {
            List<TlsFile> trustFiles =
                    List.of(new TlsFile(path + ".trust", settings.trust().get()));
            Material.Read bundle = Material.read(trustFiles);
            ReloadingTrustManager reloading = new ReloadingTrustManager(Material.trust(bundle));
            watched.add(new Watched<>(
                    "client '" + name + "' trust bundle", trustFiles, bundle, Material::trust, reloading::use));
            chain = reloading;
        } else {
            try {
                chain = Material.trustManager(null);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JVM's default trust store cannot be loaded", e);
            }
        }
        trust = settings.verifyHostName() ? chain : new ReloadingTrustManager.ChainOnly(chain);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : new KeyManager[] {keys}, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot create a TLS context", e);
        }
    }

    List<Watched<?>> watched() {
        return watched;
    }

    @Override
    public X509ExtendedTrustManager trustManager() {
        return trust;
    }

    @Override
    public Optional<X509ExtendedKeyManager> keyManager() {
        return Optional.ofNullable(keys);
    }

    @Override
    public boolean verifyHostName() {
        return settings.verifyHostName();
    }

    @Override
    public SSLContext sslContext() {
        return context;
    }
}
