package io.chassis.userit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Maven project outside this repository, written into {@code target/outside} and built offline
 * against the local repository this build installs into: what a service author's project resolves.
 *
 * <p>It has one module per published Chassis module ({@code resolve-chassis-core}, ...), each
 * depending on that module alone with an explicit version and no BOM, and two runnable services
 * that import chassis-bom the way docs/getting-started.md says: {@code service-otel} (core,
 * logging, health, resilience, tracing-otel) and {@code service-jaeger} (core, logging, health,
 * tracing-jaeger). One Maven run packages it and writes, per module, the runtime dependencies it
 * resolved ({@code target/resolved.txt}) and their files ({@code target/classpath.txt}).
 */
final class OutsideProject {

    static final String VERSION = required("chassis.version");
    static final Path ROOT = Path.of(required("chassis.root")).toAbsolutePath().normalize();
    static final Path REPO = Path.of(required("chassis.repo")).toAbsolutePath().normalize();
    static final Path DIR = Path.of(required("outside.dir")).toAbsolutePath().normalize();

    static final String OTEL = "service-otel";
    static final String JAEGER = "service-jaeger";

    private static final Pattern BOM_MODULE =
            Pattern.compile("<groupId>io\\.chassis</groupId>\\s*<artifactId>([^<]+)</artifactId>");

    private final List<String> published;

    private OutsideProject(List<String> published) {
        this.published = published;
    }

    /** Writes the project and builds it; fails with Maven's output when the build fails. */
    static OutsideProject build() throws IOException, InterruptedException {
        OutsideProject project = new OutsideProject(publishedModules());
        project.write();
        project.run();
        return project;
    }

    /** @return the io.chassis artifacts chassis-bom lists: the modules a service can depend on */
    List<String> published() {
        return published;
    }

    /** @return {@code resolve-chassis-core}, ... */
    List<String> resolveModules() {
        return published.stream().map(m -> "resolve-" + m).toList();
    }

    /** @return the module's directory in the outside project */
    Path module(String name) {
        return DIR.resolve(name);
    }

    /** @return what the outside module resolved for run time */
    Resolved resolved(String module) throws IOException {
        return Resolved.read(module(module).resolve("target/resolved.txt"));
    }

    /** @return the files of the outside module's run-time class path, in Maven's order */
    List<Path> classpath(String module) throws IOException {
        String text =
                Files.readString(module(module).resolve("target/classpath.txt")).trim();
        List<Path> out = new ArrayList<>();
        for (String entry : text.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                out.add(Path.of(entry));
            }
        }
        return out;
    }

    /**
     * @param artifactId a Chassis module
     * @return what that module's own tests ran with (written by the build's {@code tested-with}
     *     execution of maven-dependency-plugin)
     */
    static Resolved testedWith(String artifactId) throws IOException {
        Path file = ROOT.resolve(artifactId).resolve("target/tested-dependencies.txt");
        assertThat(file)
                .as("what %s's tests ran with; the reactor writes it before this module runs", artifactId)
                .exists();
        return Resolved.read(file);
    }

    /** @return the jar the reactor built for a Chassis module */
    static Path builtJar(String artifactId) {
        return ROOT.resolve(artifactId).resolve("target").resolve(artifactId + "-" + VERSION + ".jar");
    }

    private static List<String> publishedModules() throws IOException {
        String pom = Files.readString(ROOT.resolve("chassis-bom/pom.xml"));
        String bom = pom.substring(pom.indexOf("<dependencyManagement>"));
        List<String> modules = new ArrayList<>();
        Matcher m = BOM_MODULE.matcher(bom);
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).as("io.chassis modules in chassis-bom").contains("chassis-core");
        return List.copyOf(modules);
    }

    private void write() throws IOException {
        if (Files.exists(DIR)) {
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        List<String> modules = new ArrayList<>(List.of(OTEL, JAEGER));
        modules.addAll(resolveModules());
        StringBuilder list = new StringBuilder();
        modules.forEach(m -> list.append("    <module>").append(m).append("</module>\n"));
        write(DIR.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example.outside</groupId>
                  <artifactId>outside</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <modules>
                %s  </modules>
                </project>
                """.formatted(list));
        for (String module : published) {
            write(module("resolve-" + module).resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0">
                      <modelVersion>4.0.0</modelVersion>
                      <groupId>example.outside</groupId>
                      <artifactId>resolve-%1$s</artifactId>
                      <version>1.0</version>
                      <packaging>pom</packaging>
                      <dependencies>
                        <dependency>
                          <groupId>io.chassis</groupId>
                          <artifactId>%1$s</artifactId>
                          <version>%2$s</version>
                        </dependency>
                      </dependencies>
                    </project>
                    """.formatted(module, VERSION));
        }
        service(OTEL, List.of("chassis-logging", "chassis-health", "chassis-resilience", "chassis-tracing-otel"));
        service(JAEGER, List.of("chassis-logging", "chassis-health", "chassis-tracing-jaeger"));
    }

    /** A service as docs/getting-started.md describes it: the BOM, chassis-core, runtime modules. */
    private void service(String name, List<String> runtimeModules) throws IOException {
        StringBuilder deps = new StringBuilder();
        for (String m : runtimeModules) {
            deps.append("""
                        <dependency>
                          <groupId>io.chassis</groupId>
                          <artifactId>%s</artifactId>
                          <scope>runtime</scope>
                        </dependency>
                    """.formatted(m));
        }
        write(module(name).resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example.outside</groupId>
                  <artifactId>%1$s</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>io.chassis</groupId>
                        <artifactId>chassis-bom</artifactId>
                        <version>%2$s</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>io.chassis</groupId>
                      <artifactId>chassis-core</artifactId>
                    </dependency>
                %3$s  </dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                %4$s      </plugins>
                    </pluginManagement>
                  </build>
                </project>
                """.formatted(name, VERSION, deps, pinnedPlugins()));
        write(module(name).resolve("src/main/java/outside/Main.java"), """
                package outside;

                import io.chassis.core.Chassis;
                import java.util.Map;

                public final class Main {
                    public static void main(String[] args) {
                        Chassis.builder()
                                .name("%1$s")
                                .configure(app -> app.http().get("/hello", ctx -> Map.of("message", "hello from %1$s")))
                                .main(args);
                    }
                }
                """.formatted(name));
    }

    /** The build's own plugin versions, which an offline build finds in the local repository. */
    private static String pinnedPlugins() {
        Map<String, String> plugins = new LinkedHashMap<>();
        plugins.put("maven-compiler-plugin", required("plugin.compiler"));
        plugins.put("maven-resources-plugin", required("plugin.resources"));
        plugins.put("maven-jar-plugin", required("plugin.jar"));
        plugins.put("maven-surefire-plugin", required("plugin.surefire"));
        StringBuilder out = new StringBuilder();
        plugins.forEach((artifact, version) -> out.append("""
                        <plugin>
                          <groupId>org.apache.maven.plugins</groupId>
                          <artifactId>%s</artifactId>
                          <version>%s</version>
                        </plugin>
                """.formatted(artifact, version)));
        return out.toString();
    }

    private void run() throws IOException, InterruptedException {
        String dependencyPlugin = "org.apache.maven.plugins:maven-dependency-plugin:" + required("plugin.dependency");
        Path log = DIR.resolve("build.log");
        Path mvn = Path.of(required("maven.home"), "bin", "mvn");
        ProcessBuilder builder = new ProcessBuilder(
                        mvn.toString(),
                        "-B",
                        "-o",
                        "-Dmaven.repo.local=" + REPO,
                        "-DskipTests",
                        "package",
                        dependencyPlugin + ":list",
                        dependencyPlugin + ":build-classpath",
                        "-DincludeScope=runtime",
                        "-DoutputFile=target/resolved.txt",
                        "-Dmdep.outputFile=target/classpath.txt")
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The outside build sees nothing of this build's configuration but the JDK it runs on.
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(exited)
                .as("the outside build finishes; it wrote:%n%s", tail(output))
                .isTrue();
        assertThat(process.exitValue())
                .as("the outside build (offline, %s) succeeds; it wrote:%n%s", REPO, tail(output))
                .isZero();
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value)
                .as("system property %s, set by this module's failsafe configuration", property)
                .isNotBlank();
        return value;
    }
}
