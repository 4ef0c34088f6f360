package io.chassis.security.internal;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code keys} of an issuer: PEM public keys and certificates (with the JDK alone, no
 * BouncyCastle), JWKs and JWK sets; each entry is the text itself or a file holding it. Private
 * parts of asymmetric keys are dropped: only public keys verify.
 */
final class StaticKeys {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";

    private StaticKeys() {}

    /**
     * @param entry one entry of {@code keys}
     * @return its keys, at least one
     * @throws IllegalArgumentException saying what is wrong with the entry
     */
    static List<JWK> read(String entry) {
        String text = entry.strip();
        if (!text.startsWith("{") && !text.startsWith(BEGIN)) {
            try {
                text = Files.readString(Path.of(text), StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                // the entry itself is not repeated: it may be a secret given the wrong way
                throw new IllegalArgumentException("be PEM or JWK JSON, or a readable file holding it ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        List<JWK> keys = text.startsWith("{") ? json(text) : pem(text);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("hold at least one key");
        }
        List<JWK> verifying = new ArrayList<>(keys.size());
        for (JWK key : keys) {
            verifying.add(key.getKeyType().getValue().equals("oct") ? key : key.toPublicJWK());
        }
        return verifying;
    }

    private static List<JWK> json(String text) {
        try {
            Map<String, Object> object = JSONObjectUtils.parse(text);
            if (object.containsKey("keys")) {
                return JWKSet.parse(object).getKeys();
            }
            return List.of(JWK.parse(object));
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("hold a valid JWK or JWK set (" + e.getMessage() + ")");
        }
    }

    private static List<JWK> pem(String text) {
        List<JWK> keys = new ArrayList<>();
        int at = text.indexOf(BEGIN);
        while (at >= 0) {
            int labelEnd = text.indexOf("-----", at + BEGIN.length());
            if (labelEnd < 0) {
                throw new IllegalArgumentException("hold complete PEM blocks");
            }
            String label = text.substring(at + BEGIN.length(), labelEnd);
            int end = text.indexOf(END + label + "-----", labelEnd);
            if (end < 0) {
                throw new IllegalArgumentException("hold complete PEM blocks (no END line for " + label + ")");
            }
            byte[] der = decode(text.substring(labelEnd + 5, end), label);
            keys.add(jwk(publicKey(label, der)));
            at = text.indexOf(BEGIN, end + END.length());
        }
        return keys;
    }

    private static byte[] decode(String body, String label) {
        try {
            return Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hold valid base64 in its " + label + " block");
        }
    }

    private static PublicKey publicKey(String label, byte[] der) {
        try {
            switch (label) {
                case "PUBLIC KEY":
                    X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
                    try {
                        return KeyFactory.getInstance("RSA").generatePublic(spec);
                    } catch (GeneralSecurityException notRsa) {
                        return KeyFactory.getInstance("EC").generatePublic(spec);
                    }
                case "CERTIFICATE":
                    return CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der))
                            .getPublicKey();
                default:
                    throw new IllegalArgumentException("hold PUBLIC KEY or CERTIFICATE blocks only, but holds " + label
                            + (label.contains("PRIVATE") ? " (configure the public key, never the private one)" : ""));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "hold an RSA or EC key in its " + label + " block (" + e.getMessage() + ")");
        }
    }

    private static JWK jwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new IllegalArgumentException("hold an EC key on P-256, P-384 or P-521");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        throw new IllegalArgumentException("hold an RSA or EC key, but holds " + key.getAlgorithm());
    }
}
