package io.chassis.grpc.internal.gateway;

import io.chassis.core.http.HttpProblem;

/** The {@code grpc-timeout} request header (gRPC's format: 1 to 8 digits and a unit H, M, S, m, u or n). */
final class Timeouts {

    private Timeouts() {}

    /**
     * @param header the header's value, or null
     * @return the timeout in nanoseconds, or null without the header
     * @throws HttpProblem 400 when the value is not in gRPC's timeout format
     */
    static Long fromHeader(String header) {
        if (header == null) {
            return null;
        }
        int digits = header.length() - 1;
        boolean ok = digits >= 1 && digits <= 8;
        long amount = 0;
        for (int i = 0; ok && i < digits; i++) {
            char c = header.charAt(i);
            ok = c >= '0' && c <= '9';
            amount = amount * 10 + (c - '0');
        }
        long unit = ok ? unitNanos(header.charAt(digits)) : -1;
        if (unit < 0) {
            throw HttpProblem.badRequest("Header grpc-timeout must be 1 to 8 digits and a unit (H, M, S, m, u, n),"
                    + " e.g. 500m, but was '" + header + "'.");
        }
        return amount * unit;
    }

    private static long unitNanos(char unit) {
        return switch (unit) {
            case 'H' -> 3_600_000_000_000L;
            case 'M' -> 60_000_000_000L;
            case 'S' -> 1_000_000_000L;
            case 'm' -> 1_000_000L;
            case 'u' -> 1_000L;
            case 'n' -> 1L;
            default -> -1;
        };
    }
}
