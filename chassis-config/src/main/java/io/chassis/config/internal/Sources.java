package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.chassis.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/** Parses one configuration source (a classpath name or a file) in the syntax its extension says. */
final class Sources {

    /** Extensions of {@code application.*}, lowest precedence first. */
    static final List<String> EXTENSIONS = List.of("properties", "json", "yml", "yaml", "conf");

    private final ClassLoader classLoader;
    private final YamlReader yaml;

    Sources(ClassLoader classLoader, YamlReader yaml) {
        this.classLoader = classLoader;
        this.yaml = yaml;
    }

    /** Merges {@code base.<ext>} for every extension found on the classpath; empty when none is. */
    Config classpath(String base, List<ConfigProblem> problems) {
        Config merged = ConfigFactory.empty();
        for (String extension : EXTENSIONS) {
            String name = base + "." + extension;
            Config one = isYaml(name) ? yamlResources(name, problems) : resource(name, syntax(name), problems);
            merged = one.withFallback(merged);
        }
        return merged;
    }

    /** Parses the classpath resource {@code name} (all copies, merged), or empty if absent. */
    Config resource(String name, ConfigSyntax syntax, List<ConfigProblem> problems) {
        try {
            return ConfigFactory.parseResources(
                    classLoader,
                    name,
                    ConfigParseOptions.defaults().setSyntax(syntax).setAllowMissing(true));
        } catch (ConfigException e) {
            problems.add(Problems.of(e, "Fix the syntax of " + name + "."));
            return ConfigFactory.empty();
        }
    }

    /** Parses an external file; a missing or unreadable file is a problem, since someone named it. */
    Config file(Path file, String namedBy, List<ConfigProblem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new ConfigProblem(
                    namedBy,
                    "",
                    "names the configuration file '" + file.toAbsolutePath()
                            + "', which does not exist. Check the path, or unset it to run without it."));
            return ConfigFactory.empty();
        }
        if (isYaml(file.toString())) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Config read = yaml.read(reader, ConfigOriginFactory.newFile(file.toString()), problems);
                return read == null ? ConfigFactory.empty() : read;
            } catch (IOException e) {
                problems.add(new ConfigProblem(namedBy, "", "names '" + file + "', which cannot be read: " + e));
                return ConfigFactory.empty();
            }
        }
        try {
            return ConfigFactory.parseFile(
                    file.toFile(),
                    ConfigParseOptions.defaults()
                            .setSyntax(syntax(file.toString()))
                            .setAllowMissing(false));
        } catch (ConfigException e) {
            problems.add(Problems.of(e, "Fix the syntax of " + file + "."));
            return ConfigFactory.empty();
        }
    }

    private Config yamlResources(String name, List<ConfigProblem> problems) {
        Config merged = ConfigFactory.empty();
        try {
            Enumeration<URL> urls = classLoader.getResources(name);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                try (Reader reader = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8)) {
                    Config read = yaml.read(reader, ConfigOriginFactory.newSimple(name + " @ " + url), problems);
                    merged = read == null ? merged : merged.withFallback(read);
                }
            }
        } catch (IOException e) {
            problems.add(new ConfigProblem(name, "", "cannot be read from the classpath: " + e));
        }
        return merged;
    }

    static boolean isYaml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    private static ConfigSyntax syntax(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return ConfigSyntax.JSON;
        }
        return lower.endsWith(".properties") ? ConfigSyntax.PROPERTIES : ConfigSyntax.CONF;
    }
}
