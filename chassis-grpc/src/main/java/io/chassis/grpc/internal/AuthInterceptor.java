package io.chassis.grpc.internal;

import io.chassis.core.security.Principal;
import io.chassis.core.spi.AccessControl;
import io.chassis.core.spi.Authenticator;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Interceptor 6: the access rules ({@code chassis.access}) of one method, after protection. A
 * method whose policy is public gets no interceptor at all. A refused call is closed with
 * UNAUTHENTICATED or PERMISSION_DENIED and a {@code www-authenticate} trailer, without running the
 * method; an admitted one runs with its {@link Principal} in the call's context ({@code
 * Grpc.principal()}), its subject in the MDC and on the access line.
 */
final class AuthInterceptor implements ServerInterceptor {

    /** The MDC key (and access-line field) of the caller's subject, as on HTTP. */
    static final String SUBJECT = "subject";

    /** The caller of the current call. */
    static final Context.Key<Principal> PRINCIPAL = Context.key("chassis-principal");
    /** The authorization metadata of the current call, for clients with {@code forward-token}. */
    static final Context.Key<String> TOKEN = Context.key("chassis-caller-token");

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    static final Metadata.Key<String> CHALLENGE = Metadata.Key.of("www-authenticate", Metadata.ASCII_STRING_MARSHALLER);

    private static final ServerCall.Listener<Object> NOTHING = new ServerCall.Listener<>() {};
    /** Metadata keys by the names authenticators ask for: a handful, created once. */
    private static final Map<String, Metadata.Key<String>> KEYS = new ConcurrentHashMap<>();

    private final AccessControl.Policy policy;
    private final Function<String, String> logged;

    /**
     * @param logged the subject as the MDC and access line carry it (null for none)
     */
    AuthInterceptor(AccessControl.Policy policy, Function<String, String> logged) {
        this.policy = policy;
        this.logged = logged;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Principal principal;
        try {
            principal = policy.check(new MetadataCredentials(headers, call));
        } catch (AccessControl.Denied denied) {
            Status status = denied.reason() == AccessControl.Denied.Reason.UNAUTHENTICATED
                    ? Status.UNAUTHENTICATED
                    : Status.PERMISSION_DENIED;
            Metadata trailers = new Metadata();
            trailers.put(CHALLENGE, denied.challenge());
            call.close(status.withDescription(denied.getMessage()), trailers);
            @SuppressWarnings("unchecked")
            ServerCall.Listener<Q> nothing = (ServerCall.Listener<Q>) NOTHING;
            return nothing;
        }
        String subject = logged.apply(principal.subject());
        AccessLogInterceptor.subject(subject);
        Context context = Context.current().withValues(PRINCIPAL, principal, TOKEN, headers.get(AUTHORIZATION));
        return ScopedListener.start(context, SUBJECT, subject, call, headers, next);
    }

    /** What a call carries, read lazily: most authenticators ask for one header. */
    private record MetadataCredentials(Metadata headers, ServerCall<?, ?> call) implements Authenticator.Credentials {

        @Override
        public String transport() {
            return "grpc";
        }

        @Override
        public Optional<String> header(String name) {
            Metadata.Key<String> key = KEYS.computeIfAbsent(
                    name.toLowerCase(Locale.ROOT), n -> Metadata.Key.of(n, Metadata.ASCII_STRING_MARSHALLER));
            return Optional.ofNullable(headers.get(key));
        }

        @Override
        public List<X509Certificate> peerCertificates() {
            SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            if (session == null) {
                return List.of();
            }
            try {
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : session.getPeerCertificates()) {
                    if (certificate instanceof X509Certificate x509) {
                        chain.add(x509);
                    }
                }
                return List.copyOf(chain);
            } catch (SSLPeerUnverifiedException e) {
                return List.of();
            }
        }
    }
}
