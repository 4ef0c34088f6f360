package io.chassis.core.internal.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that serves the identity in force: {@link #use} swaps it for new handshakes. Each
 * identity has its own alias, and the previous one is kept, so a handshake that chose an alias before
 * a swap still gets that alias's key and chain.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private volatile Material.Identity current;
    private volatile Material.Identity previous;

    ReloadingKeyManager(Material.Identity first) {
        this.current = first;
    }

    void use(Material.Identity next) {
        previous = current;
        current = next;
    }

    Material.Identity current() {
        return current;
    }

    private X509ExtendedKeyManager owner(String alias) {
        Material.Identity c = current;
        if (c.alias().equals(alias)) {
            return c.keyManager();
        }
        Material.Identity p = previous;
        return p != null && p.alias().equals(alias) ? p.keyManager() : c.keyManager();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current.keyManager().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return current.keyManager().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return current.keyManager().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.keyManager().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.keyManager().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.keyManager().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return owner(alias).getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return owner(alias).getPrivateKey(alias);
    }
}
