package io.chassis.security.internal;

import io.chassis.core.security.Principal;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens verified recently, by their exact text, so that a client sending the same token on every
 * request pays for one signature check, not one per request. Only verified tokens get in, so a flood
 * of forged ones cannot fill it; an entry is used until the token expires (plus the clock skew) or
 * {@code max-age} passes, whichever is first, so a key removed from the issuer's set stops counting
 * after at most {@code max-age}. Bounded: when full, it starts over. Thread-safe.
 */
final class VerifiedTokens {

    private record Entry(Principal principal, long usableUntil) {}

    private final ConcurrentHashMap<String, Entry> entries;
    private final int maxEntries;
    private final long maxAgeMillis;
    private final Clock clock;

    /**
     * @param maxEntries 0 turns the cache off
     * @param maxAgeMillis longest time an entry is used
     */
    VerifiedTokens(int maxEntries, long maxAgeMillis, Clock clock) {
        this.entries = new ConcurrentHashMap<>(Math.max(16, Math.min(maxEntries, 1 << 16) * 2));
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    /** @return the principal of a token verified before and still usable, or null */
    Principal get(String token) {
        if (maxEntries == 0) {
            return null;
        }
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.usableUntil) {
            entries.remove(token, entry);
            return null;
        }
        return entry.principal;
    }

    /**
     * @param token the token's text
     * @param principal what it was verified to be
     * @param expiresAtMillis the token's {@code exp} plus the issuer's clock skew
     */
    void put(String token, Principal principal, long expiresAtMillis) {
        if (maxEntries == 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear(); // cheap and bounded; the next requests verify again
        }
        long until = Math.min(expiresAtMillis, clock.millis() + maxAgeMillis);
        entries.put(token, new Entry(principal, until));
    }

    /** @return the entries held now */
    int size() {
        return entries.size();
    }
}
