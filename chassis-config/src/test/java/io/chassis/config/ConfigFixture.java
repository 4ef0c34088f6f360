package io.chassis.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Real files in a temporary directory, a class loader over them, and injected env and properties. */
final class ConfigFixture {

    final Path classpath;
    final Path external;
    final Map<String, String> env = new HashMap<>();
    final Properties properties = new Properties();

    ConfigFixture(Path temp) {
        try {
            classpath = Files.createDirectories(temp.resolve("classpath"));
            external = Files.createDirectories(temp.resolve("external"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(
                "reference.conf",
                "chassis.http { port = 8080, max-body-size = 1MiB, host = \"0.0.0.0\" }\n" + "chassis.clients {}\n");
    }

    /** Writes a file on the test class path. */
    Path write(String name, String content) {
        return writeTo(classpath.resolve(name), content);
    }

    /** Writes a file outside the class path. */
    Path writeExternal(String name, String content) {
        return writeTo(external.resolve(name), content);
    }

    ConfigFixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    ConfigFixture property(String name, String value) {
        properties.setProperty(name, value);
        return this;
    }

    ConfigLoader loader() {
        try {
            ClassLoader loader =
                    new URLClassLoader(new URL[] {classpath.toUri().toURL()}, ConfigFixture.class.getClassLoader());
            return ChassisConfig.loader().classLoader(loader).environment(env).systemProperties(properties);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    ChassisConfig load() {
        return loader().load();
    }

    /** Writes in one step (a temporary file moved over it), so a running reloader never reads half a file. */
    private static Path writeTo(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), content);
            return Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
