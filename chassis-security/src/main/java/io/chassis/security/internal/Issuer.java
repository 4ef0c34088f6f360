package io.chassis.security.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URL;
import java.util.Set;

/**
 * One issuer, checked: what {@link IssuerVerifier} is built from.
 *
 * @param name the name under {@code issuers}
 * @param path its configuration path, for messages
 * @param settings the bound settings
 * @param algorithms the accepted algorithms, never {@code none}, never HMAC and public-key ones together
 * @param jwksUrl where its JWK set is fetched; null when {@code keys} holds static keys
 * @param keys the static keys (public keys, or HMAC secrets); null with a {@code jwksUrl}
 * @param types accepted JOSE {@code typ} values
 */
record Issuer(
        String name,
        String path,
        IssuerSettings settings,
        Set<JWSAlgorithm> algorithms,
        URL jwksUrl,
        JWKSet keys,
        Set<JOSEObjectType> types) {}
