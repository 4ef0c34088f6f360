package io.chassis.tracing.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Baggage: W3C {@code baggage: k=v,k2=v2;prop} and Jaeger's {@code uberctx-k: v}, values percent-encoded. */
final class BaggageFormat {

    private static final int MAX_ITEMS = 64;

    private BaggageFormat() {}

    /** @return the items of both headers (W3C wins on a clash); bad members are skipped */
    static Map<String, String> read(Headers h) {
        if (h.baggage == null && h.uberBaggage == null) {
            return Map.of();
        }
        Map<String, String> items = new HashMap<>();
        if (h.uberBaggage != null) {
            h.uberBaggage.forEach((k, v) -> items.put(k, decode(v)));
        }
        if (h.baggage != null) {
            for (String member : h.baggage.split(",")) {
                int semicolon = member.indexOf(';');
                String pair = semicolon < 0 ? member : member.substring(0, semicolon);
                int eq = pair.indexOf('=');
                String key = eq <= 0 ? "" : pair.substring(0, eq).trim();
                if (!key.isEmpty() && items.size() < MAX_ITEMS) {
                    items.put(key, decode(pair.substring(eq + 1).trim()));
                }
            }
        }
        return items;
    }

    /** @return the W3C header value, or null for no items */
    static String writeW3c(Map<String, String> items) {
        if (items.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        items.forEach((k, v) ->
                out.append(out.length() == 0 ? "" : ",").append(k).append('=').append(encode(v)));
        return out.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value; // a stray '%': keep the text as sent
        }
    }
}
