package io.chassis.core.internal.client;

import java.nio.charset.StandardCharsets;

/** Fills {@code {name}} placeholders of a client URI template with percent-encoded values. */
final class UriTemplates {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriTemplates() {}

    /**
     * @return the template with its placeholders replaced by the values, in order
     * @throws IllegalArgumentException when the template does not start with '/', or the number of
     *     values does not match its placeholders
     */
    static String expand(String template, Object[] values) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("uri template must start with '/', but was '" + template + "'");
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int used = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = template.indexOf('}', i);
            if (end < 0) {
                throw new IllegalArgumentException("uri template '" + template + "' has an unclosed '{'");
            }
            if (used >= values.length) {
                throw mismatch(template, values.length);
            }
            encode(String.valueOf(values[used++]), out);
            i = end + 1;
        }
        if (used != values.length) {
            throw mismatch(template, values.length);
        }
        return out.toString();
    }

    private static IllegalArgumentException mismatch(String template, int given) {
        return new IllegalArgumentException(
                "uri template '" + template + "' needs a value for each placeholder, but " + given + " were given");
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so a value stays one segment. */
    static void encode(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
    }
}
