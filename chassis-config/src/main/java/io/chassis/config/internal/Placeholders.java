package io.chassis.config.internal;

import io.chassis.config.ConfigProblem;
import java.util.List;
import java.util.function.Function;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in YAML values. {@code $${} gives a literal
 * {@code ${}; {@code ${file:...}} is left alone for {@link Secrets} to read after all layers merge.
 */
final class Placeholders {

    private final Function<String, String> lookup;

    /** @param lookup returns the value of a variable, or {@code null} when it is not set */
    Placeholders(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /**
     * Returns {@code text} with its placeholders expanded, or {@code null} after adding a problem.
     */
    String expand(String text, String origin, String path, List<ConfigProblem> problems) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    problems.add(new ConfigProblem(
                            origin,
                            path,
                            "must close its placeholder with '}', but was '" + text
                                    + "'. Write ${NAME} or ${NAME:-default}; write $${ for a literal ${."));
                    return null;
                }
                String body = text.substring(i + 2, end);
                if (body.startsWith(Secrets.PREFIX)) {
                    out.append(text, i, end + 1);
                } else if (!append(out, body, origin, path, problems)) {
                    return null;
                }
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private boolean append(StringBuilder out, String body, String origin, String path, List<ConfigProblem> problems) {
        int colon = body.indexOf(":-");
        String name = colon < 0 ? body : body.substring(0, colon);
        if (!isName(name)) {
            problems.add(new ConfigProblem(
                    origin,
                    path,
                    "must name a variable in its placeholder, but was '${" + body
                            + "}'. Names use letters, digits, '_' and '.'."));
            return false;
        }
        String value = lookup.apply(name);
        if (value == null && colon >= 0) {
            value = body.substring(colon + 2);
        }
        if (value == null) {
            problems.add(new ConfigProblem(
                    origin,
                    path,
                    "must refer to a variable that is set, but '${" + name + "}' is not set. Set " + name
                            + " or give a default: ${" + name + ":-value}."));
            return false;
        }
        out.append(value);
        return true;
    }

    private static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
