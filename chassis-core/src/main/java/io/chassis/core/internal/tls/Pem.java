package io.chassis.core.internal.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Reads PEM certificates and PKCS#8 private keys with the JDK only. */
final class Pem {

    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};

    private Pem() {}

    /**
     * @return the certificates in the order of the file, leaf first for a chain
     * @throws TlsMaterialException when the file holds no certificate or one cannot be parsed
     */
    static List<X509Certificate> certificates(byte[] pem, String what) {
        List<byte[]> blocks = blocks(pem, "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new TlsMaterialException(what + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        List<X509Certificate> out = new ArrayList<>(blocks.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException(what + " holds a certificate that cannot be parsed: " + e.getMessage());
        }
        return out;
    }

    /**
     * @param password for an {@code ENCRYPTED PRIVATE KEY}; null for none
     * @throws TlsMaterialException when the file holds no PKCS#8 key, or it cannot be decrypted or parsed
     */
    static PrivateKey privateKey(byte[] pem, char[] password, String what) {
        List<byte[]> plain = blocks(pem, "PRIVATE KEY");
        List<byte[]> encrypted = blocks(pem, "ENCRYPTED PRIVATE KEY");
        byte[] der;
        if (!plain.isEmpty()) {
            der = plain.get(0);
        } else if (!encrypted.isEmpty()) {
            if (password == null) {
                throw new TlsMaterialException(what + " is encrypted, but no key-password is set");
            }
            der = decrypt(encrypted.get(0), password, what);
        } else {
            String text = new String(pem, StandardCharsets.US_ASCII);
            throw new TlsMaterialException(what
                    + (text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY")
                            ? " holds a PKCS#1/SEC1 key; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)"
                            : " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----)"));
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new TlsMaterialException(what + " holds a private key of an unsupported or unreadable kind");
    }

    private static byte[] decrypt(byte[] der, char[] password, String what) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters params = info.getAlgParameters();
            String algorithm = params == null ? info.getAlgName() : params.toString();
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password)),
                    params);
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsMaterialException(what + " cannot be decrypted with key-password (" + e.getMessage() + ")");
        }
    }

    private static List<byte[]> blocks(byte[] pem, String label) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = text.indexOf(begin, from);
            if (start < 0) {
                return out;
            }
            int stop = text.indexOf(end, start);
            if (stop < 0) {
                return out;
            }
            String body = text.substring(start + begin.length(), stop);
            try {
                out.add(Base64.getMimeDecoder().decode(body));
            } catch (IllegalArgumentException e) {
                throw new TlsMaterialException("a " + label + " block is not valid base64");
            }
            from = stop + end.length();
        }
    }
}
