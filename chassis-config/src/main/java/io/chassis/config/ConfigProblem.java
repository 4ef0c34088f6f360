package io.chassis.config;

/**
 * One thing wrong with the configuration: where it was found, which key, and what is wrong.
 *
 * <p>Rendered as {@code <origin>: <path> <message>}, for example {@code application.yaml: 12:
 * chassis.http.port must be an integer, but was 'eighty'. Use a whole number such as 8080.}
 *
 * @param origin where the offending value (or its closest parent) was set; empty when unknown
 * @param path the configuration path concerned; empty when the problem is about a whole file
 * @param message what is wrong and how to fix it, starting with a verb ("must be ...")
 */
public record ConfigProblem(String origin, String path, String message) {

    /** Creates a problem; {@code null} origin or path become empty strings. */
    public ConfigProblem {
        origin = origin == null ? "" : origin;
        path = path == null ? "" : path;
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!origin.isEmpty()) {
            text.append(origin).append(": ");
        }
        if (!path.isEmpty()) {
            text.append(path).append(' ');
        }
        return text.append(message).toString();
    }
}
