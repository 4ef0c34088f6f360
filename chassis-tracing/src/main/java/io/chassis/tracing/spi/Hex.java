package io.chassis.tracing.spi;

/** Lower-case hex ids as the propagation formats write them. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /**
     * @param value a 64-bit id
     * @return 16 lower-case hex digits
     */
    public static String of(long value) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(out);
    }

    /**
     * Parses hex digits into a long.
     *
     * @param s the text
     * @param from first index, inclusive
     * @param to last index, exclusive; at most 16 digits
     * @param lowerOnly reject upper-case digits (W3C requires lower case)
     * @return the value
     * @throws NumberFormatException if a character is not a hex digit or there are 0 or more than 16
     */
    public static long parse(CharSequence s, int from, int to, boolean lowerOnly) {
        if (to <= from || to - from > 16) {
            throw new NumberFormatException("expected 1 to 16 hex digits");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int digit;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (!lowerOnly && c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            } else {
                throw new NumberFormatException("not a hex digit: '" + c + "'");
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /**
     * Left-pads a backend's hex id with zeros, so logs and headers always show 32 (trace) or 16
     * (span) digits whatever the backend prints.
     *
     * @param id hex digits
     * @param width 16 or 32
     * @return the padded id
     */
    public static String pad(String id, int width) {
        if (id.length() >= width) {
            return id;
        }
        return "0".repeat(width - id.length()) + id;
    }
}
