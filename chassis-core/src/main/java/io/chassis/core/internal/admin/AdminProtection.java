package io.chassis.core.internal.admin;

/** Who an admin endpoint answers; the values of {@code chassis.admin.endpoints}. */
public enum AdminProtection {
    /** Every caller that reaches the admin port. */
    OPEN,
    /** A caller with the admin token (or a verified client certificate); with neither configured, trusted networks only. */
    PROTECTED
}
