package io.chassis.security.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns claim values into what a {@link io.chassis.core.security.Principal} holds. */
final class ClaimValues {

    private ClaimValues() {}

    /**
     * @param value a space-separated string (OAuth {@code scope}) or an array of strings; null = none
     * @return the names; other types and non-string items are ignored
     */
    static Set<String> names(Object value) {
        if (value == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s) {
            int start = 0;
            for (int i = 0; i <= s.length(); i++) {
                if (i == s.length() || s.charAt(i) == ' ') {
                    if (i > start) {
                        out.add(s.substring(start, i));
                    }
                    start = i + 1;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * @param json claims as nimbus parsed them (dates already epoch seconds)
     * @return the same values, read-only all the way down (nulls inside arrays and objects kept)
     */
    @SuppressWarnings("unchecked")
    static Object frozen(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, frozen(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (json instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        return json;
    }
}
