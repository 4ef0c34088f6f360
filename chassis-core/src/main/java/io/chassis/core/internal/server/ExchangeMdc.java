package io.chassis.core.internal.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * MDC entries a filter attached to an exchange ({@code Context.mdc}), set by core around the lines
 * it logs for that exchange away from the filter's own scope: an unhandled exception, the access
 * line, a completion on another thread.
 */
final class ExchangeMdc {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final AttachmentKey<Map<String, String>> KEY = (AttachmentKey) AttachmentKey.create(Map.class);

    private ExchangeMdc() {}

    static void put(HttpServerExchange exchange, String key, String value) {
        Map<String, String> entries = exchange.getAttachment(KEY);
        if (entries == null) {
            entries = new LinkedHashMap<>(4);
            exchange.putAttachment(KEY, entries);
        }
        entries.put(key, value);
    }

    /** @return the exchange's entries in the order they were put, or an empty map */
    static Map<String, String> entries(HttpServerExchange exchange) {
        Map<String, String> entries = exchange.getAttachment(KEY);
        return entries == null ? Map.of() : entries;
    }

    /**
     * Puts the exchange's entries into this thread's MDC.
     *
     * @return what to hand to {@link #restore}: the values the keys had before, or null when the
     *     exchange has no entries
     */
    static Map<String, String> apply(HttpServerExchange exchange) {
        Map<String, String> entries = exchange.getAttachment(KEY);
        if (entries == null) {
            return null;
        }
        Map<String, String> previous = new HashMap<>(4);
        entries.forEach((key, value) -> {
            previous.put(key, MDC.get(key));
            MDC.put(key, value);
        });
        return previous;
    }

    /** Puts back what {@link #apply} replaced (removing keys that were not set). */
    static void restore(Map<String, String> previous) {
        if (previous == null) {
            return;
        }
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
