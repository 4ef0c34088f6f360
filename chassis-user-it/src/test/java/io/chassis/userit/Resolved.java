package io.chassis.userit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The artifacts of one {@code mvn dependency:list} output file, by {@code groupId:artifactId} (with
 * {@code :classifier} when there is one), each with its version.
 */
record Resolved(Map<String, String> versions) {

    /**
     * Reads lines such as {@code org.jboss.logging:jboss-logging:jar:3.6.1.Final:compile -- module
     * org.jboss.logging}; the header and empty lines are skipped.
     */
    static Resolved read(Path file) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String coordinates = line.strip();
            int comment = coordinates.indexOf(" -- ");
            if (comment >= 0) {
                coordinates = coordinates.substring(0, comment);
            }
            String[] parts = coordinates.split(":");
            if (parts.length == 5) { // group:artifact:type:version:scope
                versions.put(parts[0] + ":" + parts[1], parts[3]);
            } else if (parts.length == 6) { // group:artifact:type:classifier:version:scope
                versions.put(parts[0] + ":" + parts[1] + ":" + parts[3], parts[4]);
            }
        }
        return new Resolved(Map.copyOf(versions));
    }

    /** @return the version of {@code groupId:artifactId}, or null when it was not resolved */
    String version(String key) {
        return versions.get(key);
    }
}
