package io.chassis.core.spi;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id rules of every transport, so that a gRPC call and an HTTP request treat an
 * incoming {@code x-request-id} the same way: accepted when it is safe to log and echo, else
 * replaced by a fresh one.
 */
public final class RequestIds {

    /** The header (HTTP) or metadata key (gRPC, lower case there) carrying the id. */
    public static final String HEADER = "X-Request-Id";

    /** The MDC key of the id, on every line logged for the request. */
    public static final String MDC_KEY = "request_id";

    static final int MAX_LENGTH = 128;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    /**
     * @param incoming the caller's id, or null
     * @return {@code incoming} when it is 1..128 characters from {@code [A-Za-z0-9._:-]}, else a new id
     */
    public static String acceptOrGenerate(String incoming) {
        return isValid(incoming) ? incoming : generate();
    }

    /**
     * @param id a candidate id
     * @return true when it is 1..128 characters from {@code [A-Za-z0-9._:-]}: no spaces, quotes or
     *     control characters
     */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** @return 128 random bits as 32 hex characters (ThreadLocalRandom: no SecureRandom cost or contention) */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        fill(out, 0, random.nextLong());
        fill(out, 16, random.nextLong());
        return new String(out);
    }

    private static void fill(char[] out, int offset, long bits) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }
}
