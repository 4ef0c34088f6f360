package io.chassis.core.internal.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The client certificate chain of an exchange's TLS connection, read once per connection and kept on
 * it. On a plaintext connection it costs one null check.
 */
public final class PeerCertificates {

    private static final AttachmentKey<List<X509Certificate>> KEY = AttachmentKey.create(List.class);

    private PeerCertificates() {}

    /**
     * @param exchange the exchange
     * @return the verified client chain, leaf first; empty without TLS or without a client certificate
     */
    public static List<X509Certificate> of(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        SSLSessionInfo session = connection.getSslSessionInfo();
        if (session == null) {
            return List.of();
        }
        List<X509Certificate> chain = connection.getAttachment(KEY);
        if (chain == null) {
            chain = read(session);
            connection.putAttachment(KEY, chain);
        }
        return chain;
    }

    /** @return the subject of the client's certificate, or null when there is none */
    static String subject(HttpServerExchange exchange) {
        List<X509Certificate> chain = of(exchange);
        return chain.isEmpty() ? null : chain.get(0).getSubjectX500Principal().getName();
    }

    private static List<X509Certificate> read(SSLSessionInfo session) {
        Certificate[] certificates;
        try {
            certificates = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            return List.of();
        } catch (Exception e) { // RenegotiationRequiredException: the client sent none
            return List.of();
        }
        if (certificates == null) {
            return List.of();
        }
        List<X509Certificate> out = new ArrayList<>(certificates.length);
        for (Certificate c : certificates) {
            if (c instanceof X509Certificate x) {
                out.add(x);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
