package io.chassis.core.internal.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Reads version and git commit of the application from its jar manifest and git.properties. */
final class BuildInfo {

    private BuildInfo() {}

    /** @return the manifest's Implementation-Version of the jar holding {@code appClass} */
    static Optional<String> implementationVersion(Class<?> appClass) {
        if (appClass == null || appClass.getPackage() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(appClass.getPackage().getImplementationVersion());
    }

    /**
     * Finds the commit in {@code git.properties} (as written by git-commit-id-maven-plugin) or in
     * the manifest entry {@code Git-Commit}.
     */
    static Optional<String> gitCommit(Class<?> appClass, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("git.properties")) {
            if (in != null) {
                Properties git = new Properties();
                git.load(in);
                String id = git.getProperty("git.commit.id.abbrev", git.getProperty("git.commit.id"));
                if (id != null && !id.isBlank()) {
                    return Optional.of(id.trim());
                }
            }
        } catch (IOException e) {
            // an unreadable git.properties only means no commit in /info
        }
        return manifest(appClass).map(m -> m.getMainAttributes().getValue("Git-Commit"));
    }

    private static Optional<Manifest> manifest(Class<?> appClass) {
        CodeSource source =
                appClass == null ? null : appClass.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !location.getPath().endsWith(".jar")) {
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(Path.of(location.toURI()).toFile())) {
            return Optional.ofNullable(jar.getManifest());
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
