package io.chassis.grpc;

import io.grpc.Metadata;

/** The trailer a refused call carries, as a client reads it. */
final class AuthInterceptorKeys {

    static final Metadata.Key<String> CHALLENGE = Metadata.Key.of("www-authenticate", Metadata.ASCII_STRING_MARSHALLER);

    private AuthInterceptorKeys() {}
}
