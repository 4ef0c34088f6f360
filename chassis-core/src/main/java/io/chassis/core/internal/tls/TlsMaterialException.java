package io.chassis.core.internal.tls;

/** TLS files that cannot be used; the message says which file and what is wrong with it. */
final class TlsMaterialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TlsMaterialException(String message) {
        super(message, null, false, false);
    }
}
