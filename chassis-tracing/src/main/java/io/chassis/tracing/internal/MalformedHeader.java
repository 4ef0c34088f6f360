package io.chassis.tracing.internal;

/** A trace header that cannot be read; cheap (no stack trace): it is bad input, not a bug. */
final class MalformedHeader extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedHeader(String header, String value, String why) {
        super(header + " '" + Headers.printable(value) + "' " + why, null, false, false);
    }
}
