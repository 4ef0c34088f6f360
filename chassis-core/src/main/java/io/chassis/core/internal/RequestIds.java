package io.chassis.core.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.concurrent.ThreadLocalRandom;

/** Accepts a safe incoming {@code X-Request-Id} or generates one; stored on the exchange. */
public final class RequestIds {

    public static final HttpString HEADER = HttpString.tryFromString("X-Request-Id");
    public static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
    public static final String MDC_KEY = "request_id";
    static final int MAX_LENGTH = 128;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    /** @return the request id of the exchange; generates one if the root handler did not run */
    public static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        if (id == null) {
            id = generate();
            exchange.putAttachment(KEY, id);
        }
        return id;
    }

    /** @return the incoming id if it is safe to log and echo, else a fresh one */
    public static String acceptOrGenerate(String incoming) {
        return isValid(incoming) ? incoming : generate();
    }

    /** Safe means 1..128 characters from {@code [A-Za-z0-9._:-]}: no spaces, quotes or control chars. */
    static boolean isValid(String id) {
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

    /** 128 random bits as 32 hex chars; ThreadLocalRandom avoids SecureRandom's cost and contention. */
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
