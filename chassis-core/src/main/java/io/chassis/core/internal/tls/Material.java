package io.chassis.core.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** Loads identities and trust bundles from the bytes of their files (read once, digested once). */
final class Material {

    /** The in-memory keystore's password; the key never leaves the process. */
    private static final char[] INTERNAL = "chassis".toCharArray();

    private Material() {}

    /** The bytes of a set of files read together, and their digest. */
    record Read(Map<TlsFile, byte[]> bytes, byte[] digest) {
        byte[] of(TlsFile file) {
            return bytes.get(file);
        }

        boolean same(byte[] other) {
            return other != null && MessageDigest.isEqual(digest, other);
        }
    }

    /**
     * An identity ready for a key manager.
     *
     * @param alias unique per load, so a handshake that began with one pair never mixes in another
     * @param keyManager serves only {@code alias}
     * @param chain the certificate chain, leaf first
     */
    record Identity(String alias, X509ExtendedKeyManager keyManager, List<X509Certificate> chain) {
        X509Certificate leaf() {
            return chain.get(0);
        }
    }

    static Read read(List<TlsFile> files) {
        Map<TlsFile, byte[]> out = new LinkedHashMap<>();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (TlsFile file : files) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file.path());
                } catch (NoSuchFileException e) {
                    throw new TlsMaterialException(file.describe() + " does not exist");
                } catch (AccessDeniedException e) {
                    throw new TlsMaterialException(file.describe() + " cannot be read (permission denied)");
                } catch (IOException e) {
                    throw new TlsMaterialException(file.describe() + " cannot be read (" + e.getMessage() + ")");
                }
                out.put(file, bytes);
                digest.update(bytes);
            }
            return new Read(out, digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * @param files the identity's files as {@link ServerTlsSettings#identityFiles} or {@link
     *     ClientTlsSettings#identityFiles} list them: keystore, or certificate then key
     * @param password the key's or keystore's password; null for none
     */
    static Identity identity(List<TlsFile> files, Read read, Optional<String> password, long generation) {
        String alias = "chassis-" + generation;
        char[] secret = password.map(String::toCharArray).orElse(null);
        PrivateKey key;
        List<X509Certificate> chain;
        if (files.size() == 1) {
            TlsFile store = files.get(0);
            KeyStore.PrivateKeyEntry entry = keystoreEntry(store, read.of(store), secret);
            key = entry.getPrivateKey();
            chain = new ArrayList<>();
            for (Certificate c : entry.getCertificateChain()) {
                chain.add((X509Certificate) c);
            }
            checkPair(key, chain.get(0), store.describe());
        } else {
            TlsFile certFile = files.get(0);
            TlsFile keyFile = files.get(1);
            chain = Pem.certificates(read.of(certFile), certFile.describe());
            key = Pem.privateKey(read.of(keyFile), secret, keyFile.describe());
            checkPair(key, chain.get(0), keyFile.describe());
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, key, INTERNAL, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509"); // aliases as given
            kmf.init(ks, INTERNAL);
            for (KeyManager km : kmf.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager x) {
                    return new Identity(alias, x, Collections.unmodifiableList(chain));
                }
            }
            throw new IllegalStateException("the JVM's SunX509 key manager is not an X509ExtendedKeyManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException(
                    files.get(0).describe() + " cannot be used as a key (" + e.getMessage() + ")");
        }
    }

    static Identity identity(ServerTlsSettings s, String path, Read read, long generation) {
        List<TlsFile> files = s.identityFiles(path);
        return identity(files, read, s.keystore().isPresent() ? s.keystorePassword() : s.keyPassword(), generation);
    }

    private static KeyStore.PrivateKeyEntry keystoreEntry(TlsFile file, byte[] bytes, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(bytes), password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    Key key = ks.getKey(alias, password);
                    Certificate[] chain = ks.getCertificateChain(alias);
                    if (key instanceof PrivateKey pk && chain != null && chain.length > 0) {
                        return new KeyStore.PrivateKeyEntry(pk, chain);
                    }
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException(file.describe() + " is not a PKCS#12 keystore this keystore-password opens ("
                    + e.getMessage() + ")");
        }
        throw new TlsMaterialException(file.describe() + " holds no private key with a certificate chain");
    }

    /** Signs a random challenge with the key and verifies it with the certificate's public key. */
    private static void checkPair(PrivateKey key, X509Certificate leaf, String what) {
        PublicKey pub = leaf.getPublicKey();
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
                    case "DSA" -> "SHA256withDSA";
                    default -> null;
                };
        boolean matches;
        if (algorithm == null) {
            matches = key.getAlgorithm().equals(pub.getAlgorithm());
        } else {
            try {
                byte[] challenge = new byte[32];
                new SecureRandom().nextBytes(challenge);
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update(challenge);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(pub);
                verifier.update(challenge);
                matches = verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                matches = false; // a key of another kind than the certificate's
            }
        }
        if (!matches) {
            throw new TlsMaterialException(what + " does not match the certificate "
                    + leaf.getSubjectX500Principal().getName() + " (a key of another pair)");
        }
    }

    /** A trust manager over the PEM bundle of {@code read}'s only file. */
    static X509ExtendedTrustManager trust(Read read) {
        Map.Entry<TlsFile, byte[]> only = read.bytes().entrySet().iterator().next();
        List<X509Certificate> anchors =
                Pem.certificates(only.getValue(), only.getKey().describe());
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                ks.setCertificateEntry("ca-" + i++, anchor);
            }
            return trustManager(ks);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException(
                    only.getKey().describe() + " cannot be used as a trust bundle (" + e.getMessage() + ")");
        }
    }

    /** @param ks null for the JDK's default trust store; an empty store trusts nothing */
    static X509ExtendedTrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the JVM's trust manager is not an X509ExtendedTrustManager: "
                + Arrays.toString(tmf.getTrustManagers()));
    }

    /** @return a trust manager that trusts nothing (for a server that asks no client certificate) */
    static X509ExtendedTrustManager trustNothing() {
        return new ReloadingTrustManager.Nothing();
    }
}
