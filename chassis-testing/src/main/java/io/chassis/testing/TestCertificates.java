package io.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time, written as PEM files (certificate chains and PKCS#8 keys) into a
 * directory: a CA, a second CA nobody trusts, and leaf certificates for servers ({@code localhost},
 * {@code 127.0.0.1}) and clients issued by either. EC P-256 keys, so making them is fast.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.in(tempDir);
 * TestCertificates.Pair server = certs.server();
 * builder.configOverride("chassis.http.tls.enabled", true)
 *         .configOverride("chassis.http.tls.certificate", server.certificate().toString())
 *         .configOverride("chassis.http.tls.key", server.key().toString());
 * HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext(null)).build();
 * }</pre>
 */
public final class TestCertificates {

    /**
     * A certificate and its key as PEM files.
     *
     * @param certificate the chain (leaf, then its CA), PEM
     * @param key the leaf's PKCS#8 key, PEM
     * @param leaf the leaf certificate
     * @param privateKey the leaf's key
     */
    public record Pair(Path certificate, Path key, X509Certificate leaf, PrivateKey privateKey) {

        /** @return the leaf's subject, e.g. {@code CN=server} */
        public String subject() {
            return leaf.getSubjectX500Principal().getName();
        }
    }

    private record Authority(X500Name name, KeyPair keys, X509Certificate certificate) {}

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final Authority ca;
    private final Authority otherCa;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.ca = authority("Chassis Test CA");
        this.otherCa = authority("Untrusted Test CA");
        write(dir.resolve("ca.pem"), pem("CERTIFICATE", encoded(ca.certificate)));
        write(dir.resolve("other-ca.pem"), pem("CERTIFICATE", encoded(otherCa.certificate)));
    }

    /**
     * Makes the two CAs and writes {@code ca.pem} and {@code other-ca.pem} into {@code dir}.
     *
     * @param dir an existing directory, e.g. JUnit's {@code @TempDir}
     * @return the certificates
     */
    public static TestCertificates in(Path dir) {
        return new TestCertificates(dir);
    }

    /** @return the PEM file of the CA every good certificate chains to */
    public Path ca() {
        return dir.resolve("ca.pem");
    }

    /** @return the PEM file of the other CA, which issues the "wrong CA" certificates */
    public Path otherCa() {
        return dir.resolve("other-ca.pem");
    }

    /** @return a server certificate for {@code localhost} and {@code 127.0.0.1}, valid for 30 days */
    public Pair server() {
        return server("server", "server");
    }

    /**
     * @param file base name of the files ({@code <file>.pem}, {@code <file>-key.pem}); a name used
     *     before is overwritten (atomically, file by file), e.g. for rotation tests
     * @param commonName the subject's CN
     * @return a server certificate for {@code localhost} and {@code 127.0.0.1}, valid for 30 days
     */
    public Pair server(String file, String commonName) {
        Instant now = Instant.now();
        return issue(file, commonName, ca, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), true, true);
    }

    /** @return a server certificate whose notAfter has passed */
    public Pair expiredServer() {
        Instant now = Instant.now();
        return issue(
                "expired", "expired", ca, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), true, true);
    }

    /** @return a server certificate issued by {@link #otherCa()} */
    public Pair wrongCaServer() {
        Instant now = Instant.now();
        return issue(
                "wrong-ca-server",
                "server",
                otherCa,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30)),
                true,
                true);
    }

    /** @return a server certificate for {@code other.example} only (not {@code localhost}, not 127.0.0.1) */
    public Pair wrongHostServer() {
        Instant now = Instant.now();
        return issue(
                "wrong-host",
                "other.example",
                ca,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30)),
                true,
                false);
    }

    /**
     * @param commonName the client's CN, e.g. {@code orders}
     * @return a client certificate issued by the CA
     */
    public Pair client(String commonName) {
        Instant now = Instant.now();
        return issue(
                "client-" + commonName,
                commonName,
                ca,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30)),
                false,
                false);
    }

    /** @return a client certificate issued by {@link #otherCa()} */
    public Pair wrongCaClient() {
        Instant now = Instant.now();
        return issue(
                "wrong-ca-client",
                "intruder",
                otherCa,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30)),
                false,
                false);
    }

    /**
     * Writes {@code pair}'s key encrypted (PKCS#8, PBES2 with AES-256-CBC and HMAC-SHA256).
     *
     * @param pair a pair made here
     * @param password the password
     * @return the PEM file ({@code BEGIN ENCRYPTED PRIVATE KEY})
     */
    public Path encryptedKey(Pair pair, String password) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()) // not registered globally
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setPassword(password.toCharArray())
                    .build();
            byte[] der = new JcaPKCS8Generator(pair.privateKey(), encryptor)
                    .generate()
                    .getContent();
            Path file =
                    dir.resolve(pair.certificate().getFileName().toString().replace(".pem", "") + "-key-encrypted.pem");
            write(file, pem("ENCRYPTED PRIVATE KEY", der));
            return file;
        } catch (OperatorCreationException | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encrypt a test key", e);
        }
    }

    /**
     * Writes {@code pair} (key, leaf and its CA) as a PKCS#12 keystore.
     *
     * @param pair a pair made here
     * @param password the keystore's and the key's password
     * @return the {@code .p12} file
     */
    public Path keystore(Pair pair, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", pair.privateKey(), password.toCharArray(), new X509Certificate[] {
                pair.leaf(), authorityOf(pair).certificate
            });
            Path file = dir.resolve(pair.certificate().getFileName().toString().replace(".pem", ".p12"));
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a test keystore", e);
        }
    }

    /**
     * A JDK context for a test client that trusts {@link #ca()} (and nothing else).
     *
     * @param identity the client certificate to present (mTLS); null for none
     * @return the context
     */
    public SSLContext clientContext(Pair identity) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (identity != null) {
                char[] password = "test".toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", identity.privateKey(), password, new X509Certificate[] {
                    identity.leaf(), authorityOf(identity).certificate
                });
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a test TLS context", e);
        }
    }

    private Authority authorityOf(Pair pair) {
        return pair.leaf().getIssuerX500Principal().equals(otherCa.certificate.getSubjectX500Principal())
                ? otherCa
                : ca;
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Authority authority(String commonName) {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    name,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Authority(name, keys, sign(builder, keys.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Pair issue(
            String file,
            String commonName,
            Authority issuer,
            Instant notBefore,
            Instant notAfter,
            boolean server,
            boolean localNames) {
        KeyPair keys = keyPair();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer.name,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name("CN=" + commonName),
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            List<GeneralName> names = new ArrayList<>();
            if (localNames) {
                names.add(new GeneralName(GeneralName.dNSName, "localhost"));
                names.add(new GeneralName(
                        GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()));
            } else if (server) {
                names.add(new GeneralName(GeneralName.dNSName, commonName));
            }
            if (!names.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            X509Certificate leaf = sign(builder, issuer.keys.getPrivate());
            Path certificate = dir.resolve(file + ".pem");
            Path key = dir.resolve(file + "-key.pem");
            write(certificate, pem("CERTIFICATE", encoded(leaf)) + pem("CERTIFICATE", encoded(issuer.certificate)));
            write(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            return new Pair(certificate, key, leaf, keys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a PEM block of {@code der} */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Writes through a temporary file and a rename, so a watcher never reads half a file. */
    private static void write(Path file, String text) {
        try {
            Path temp =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
