package io.chassis.grpc.internal;

import io.chassis.core.security.Principal;

/** Where the API finds the current call's principal. */
public final class Principals {

    private Principals() {}

    /** @return the principal of the call whose context is current; null for none */
    public static Principal current() {
        return AuthInterceptor.PRINCIPAL.get();
    }
}
