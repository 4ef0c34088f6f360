package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which keys are secret. A path is secret when one of the words of any of its segments
 * (split at '-', '_' and camelCase humps, plural 's' ignored) is a secret word, or when its value was
 * read from a secret file; paths listed as revealed are shown anyway.
 */
public final class Masking {

    /** What a masked value is shown as. */
    public static final String MASK = "******";

    /** The words that mark a key as secret unless configuration says otherwise. */
    public static final Set<String> DEFAULT_WORDS =
            Set.of("password", "passwd", "pwd", "secret", "token", "key", "credential", "private");

    private final Set<String> words;
    private final Set<String> revealed;

    /**
     * @param words secret words, lower case
     * @param revealed paths shown in clear even though they look secret
     */
    public Masking(Set<String> words, Set<String> revealed) {
        this.words = Set.copyOf(words);
        this.revealed = Set.copyOf(revealed);
    }

    /**
     * Builds the masking rules from {@code chassis.config.mask} in {@code root}: {@code words} (added
     * to the defaults) and {@code reveal} (paths shown in clear). Defaults when the section is absent,
     * and for a list that is not a list of strings (binding {@code chassis.config} reports that).
     */
    public static Masking from(Config root) {
        Set<String> words = new HashSet<>(DEFAULT_WORDS);
        Set<String> reveal = new HashSet<>();
        strings(root, "chassis.config.mask.words").forEach(w -> words.add(w.toLowerCase(Locale.ROOT)));
        reveal.addAll(strings(root, "chassis.config.mask.reveal"));
        return new Masking(words, reveal);
    }

    private static List<String> strings(Config root, String path) {
        try {
            return root.hasPath(path) ? root.getStringList(path) : List.of();
        } catch (ConfigException e) {
            return List.of();
        }
    }

    private static final Masking DEFAULTS = new Masking(DEFAULT_WORDS, Set.of());

    /** Returns the rules without configuration: the default words, nothing revealed. */
    public static Masking defaults() {
        return DEFAULTS;
    }

    /**
     * Returns whether a problem about {@code path} must not show its value: the path is secret, or the
     * value was read from a secret file.
     *
     * @param path the full path, list indexes ({@code a[0]}) allowed
     * @param value the value at the path, null when unknown
     */
    public boolean hides(String path, ConfigValue value) {
        return isSecret(path) || (value != null && value.origin().description().startsWith(Secrets.ORIGIN));
    }

    /** Returns whether the value at {@code path} must be masked (list indexes such as {@code a[0]} allowed). */
    public boolean isSecret(String path) {
        if (revealed.contains(path)) {
            return false;
        }
        List<String> segments;
        try {
            segments = ConfigUtil.splitPath(path.replaceAll("\\[\\d+]", ""));
        } catch (ConfigException.BadPath e) {
            segments = List.of(path.split("\\."));
        }
        for (String segment : segments) {
            if (hasSecretWord(segment)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasSecretWord(String segment) {
        int start = 0;
        for (int i = 1; i <= segment.length(); i++) {
            boolean end = i == segment.length();
            if (end || isBreak(segment, i)) {
                if (isSecretWord(segment.substring(start, i))) {
                    return true;
                }
                start = end || Character.isLetterOrDigit(segment.charAt(i)) ? i : i + 1;
            }
        }
        return false;
    }

    private static boolean isBreak(String segment, int i) {
        char c = segment.charAt(i);
        return !Character.isLetterOrDigit(c)
                || (Character.isUpperCase(c) && Character.isLowerCase(segment.charAt(i - 1)));
    }

    private boolean isSecretWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return words.contains(lower) || (lower.endsWith("s") && words.contains(lower.substring(0, lower.length() - 1)));
    }
}
