package io.chassis.logging.internal;

/**
 * Escapes control characters so a logged value can never start a new line in text output.
 *
 * <p>CR, LF and TAB become {@code \r}, {@code \n}, {@code \t}; every other ISO control character
 * and the Unicode line/paragraph separators become {@code \}{@code uXXXX}. Strings without such
 * characters are returned as they are, without allocating.
 */
public final class ControlChars {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ControlChars() {}

    /** Returns {@code value} with control characters escaped; {@code null} stays {@code null}. */
    public static String escape(String value) {
        if (value == null) {
            return null;
        }
        int first = firstUnsafe(value);
        if (first < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        out.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            appendEscaped(out, value.charAt(i));
        }
        return out.toString();
    }

    /** Appends {@code value} to {@code out}, escaping control characters. */
    public static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            appendEscaped(out, value.charAt(i));
        }
    }

    private static int firstUnsafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isUnsafe(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static void appendEscaped(StringBuilder out, char c) {
        if (!isUnsafe(c)) {
            out.append(c);
            return;
        }
        switch (c) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            default ->
                out.append("\\u")
                        .append(HEX[(c >> 12) & 0xF])
                        .append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF])
                        .append(HEX[c & 0xF]);
        }
    }
}
