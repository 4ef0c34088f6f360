package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces values written as {@code "${file:/path/to/secret}"} with the content of that file (a
 * mounted Kubernetes secret, say), trailing line breaks removed. Such values are always masked.
 */
final class Secrets {

    static final String PREFIX = "file:";

    /** How the origin of a value read from a secret file starts. */
    static final String ORIGIN = "secret file ";

    private Secrets() {}

    /**
     * Returns {@code config} with every file reference read, recording secret paths and the files
     * read; adds a problem for each file that cannot be read.
     */
    static Config read(Config config, Set<String> secretPaths, Set<Path> files, List<ConfigProblem> problems) {
        Config result = config;
        for (Map.Entry<String, ConfigValue> entry : config.entrySet()) {
            ConfigValue value = entry.getValue();
            Path file = reference(value);
            if (file == null) {
                continue;
            }
            String origin = value.origin().description();
            try {
                String secret = stripLineBreaks(Files.readString(file, StandardCharsets.UTF_8));
                ConfigValue read = ConfigValueFactory.fromAnyRef(secret)
                        .withOrigin(ConfigOriginFactory.newSimple(ORIGIN + file + " (named at " + origin + ")"));
                result = result.withValue(entry.getKey(), read);
                secretPaths.add(entry.getKey());
                files.add(file);
            } catch (NoSuchFileException e) {
                problems.add(problem(origin, entry.getKey(), file, "it does not exist"));
            } catch (IOException | SecurityException e) {
                problems.add(problem(origin, entry.getKey(), file, "it cannot be read (" + e + ")"));
            }
        }
        return result;
    }

    private static Path reference(ConfigValue value) {
        if (value.valueType() != ConfigValueType.STRING) {
            return null;
        }
        String text = (String) value.unwrapped();
        if (!text.startsWith("${" + PREFIX) || !text.endsWith("}")) {
            return null;
        }
        return Path.of(text.substring(2 + PREFIX.length(), text.length() - 1).trim());
    }

    private static String stripLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static ConfigProblem problem(String origin, String path, Path file, String why) {
        return new ConfigProblem(
                origin,
                path,
                "must name a readable secret file, but '" + file + "' cannot be used: " + why
                        + ". Check the path and the volume mount.");
    }
}
