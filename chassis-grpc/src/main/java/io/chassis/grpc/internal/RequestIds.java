package io.chassis.grpc.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id of a call, with the same rules as HTTP's {@code X-Request-Id}: an incoming id of
 * 1..128 characters from {@code [A-Za-z0-9._:-]} is kept, anything else is replaced by 32 random hex
 * characters. To be replaced by core's {@code spi.RequestIds} once it exists.
 */
final class RequestIds {

    /** The MDC key, the same as HTTP's. */
    static final String MDC_KEY = "request_id";

    static final int MAX_LENGTH = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    /** @return {@code incoming} when it is safe to log and echo, else a fresh id */
    static String acceptOrGenerate(String incoming) {
        return isSafe(incoming) ? incoming : generate();
    }

    static boolean isSafe(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!allowed(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == ':';
    }

    /** @return 128 random bits as 32 lower-case hex characters */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[15 - i] = HEX[(int) (high >>> (4 * i)) & 0xF];
            out[31 - i] = HEX[(int) (low >>> (4 * i)) & 0xF];
        }
        return new String(out);
    }
}
