package io.chassis.security.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JWS algorithms an issuer may accept, and the key type each needs. */
final class Algorithms {

    /** Supported without optional libraries (EdDSA needs Google Tink; ES256K a curve the JDK dropped). */
    private static final Map<String, JWSAlgorithm> SUPPORTED = supported();

    private Algorithms() {}

    /** @return the algorithm of that name, or null when it is not supported */
    static JWSAlgorithm named(String name) {
        return SUPPORTED.get(name);
    }

    /** @return the names accepted in {@code algorithms} */
    static String names() {
        return String.join(", ", SUPPORTED.keySet());
    }

    /** @return whether the algorithm signs with a shared secret (HMAC) */
    static boolean isHmac(JWSAlgorithm algorithm) {
        return JWSAlgorithm.Family.HMAC_SHA.contains(algorithm);
    }

    /** @return the type of key that verifies the algorithm's signatures */
    static KeyType keyType(JWSAlgorithm algorithm) {
        return KeyType.forAlgorithm(algorithm);
    }

    private static Map<String, JWSAlgorithm> supported() {
        Map<String, JWSAlgorithm> all = new LinkedHashMap<>();
        for (JWSAlgorithm a : List.of(
                JWSAlgorithm.RS256,
                JWSAlgorithm.RS384,
                JWSAlgorithm.RS512,
                JWSAlgorithm.PS256,
                JWSAlgorithm.PS384,
                JWSAlgorithm.PS512,
                JWSAlgorithm.ES256,
                JWSAlgorithm.ES384,
                JWSAlgorithm.ES512,
                JWSAlgorithm.HS256,
                JWSAlgorithm.HS384,
                JWSAlgorithm.HS512)) {
            all.put(a.getName(), a);
        }
        return java.util.Collections.unmodifiableMap(all);
    }
}
