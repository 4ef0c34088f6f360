package io.chassis.userit;

import static io.chassis.userit.OutsideProject.JAEGER;
import static io.chassis.userit.OutsideProject.OTEL;
import static io.chassis.userit.OutsideProject.REPO;
import static io.chassis.userit.OutsideProject.VERSION;
import static io.chassis.userit.OutsideProject.required;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.testing.TestClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a service built outside this repository gets: the {@link OutsideProject} resolves the
 * installed artifacts, and each of its modules must resolve every library at the version the Chassis
 * modules' own tests ran with; its two services must start and serve on what they resolved.
 */
class OutsideServicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OutsideProject project;

    @BeforeAll
    static void buildTheOutsideProject() throws Exception {
        project = OutsideProject.build();
    }

    static Stream<String> outsideModules() throws IOException {
        List<String> modules = new ArrayList<>(List.of(OTEL, JAEGER));
        modules.addAll(project.resolveModules());
        return modules.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outsideModules")
    void resolvesEveryLibraryAtTheVersionTheModulesOwnTestsRanWith(String module) throws IOException {
        Resolved resolved = project.resolved(module);
        List<String> chassis = resolved.versions().keySet().stream()
                .filter(k -> k.startsWith("io.chassis:"))
                .sorted()
                .toList();
        assertThat(chassis).as("io.chassis artifacts %s resolved", module).isNotEmpty();
        // artifact -> version -> the modules whose tests ran with that version
        Map<String, Map<String, List<String>>> tested = new TreeMap<>();
        for (String artifact : chassis) {
            assertThat(resolved.version(artifact)).as(artifact).isEqualTo(VERSION);
            String artifactId = artifact.substring("io.chassis:".length());
            OutsideProject.testedWith(artifactId).versions().forEach((key, version) -> tested.computeIfAbsent(
                            key, k -> new TreeMap<>())
                    .computeIfAbsent(version, v -> new ArrayList<>())
                    .add(artifactId));
        }

        List<String> problems = new ArrayList<>();
        new TreeMap<>(resolved.versions()).forEach((artifact, version) -> {
            if (artifact.startsWith("io.chassis:")) {
                return;
            }
            Map<String, List<String>> seen = tested.get(artifact);
            if (seen == null) {
                problems.add(artifact + ":" + version + " is resolved, but no test of " + chassis + " ran with it");
            } else if (!seen.containsKey(version) || seen.size() > 1) {
                problems.add(artifact + ":" + version + " is resolved, but the tests ran with " + seen);
            }
        });
        assertThat(problems)
                .as("what %s resolves (%s) against what the modules' tests ran with", module, resolved.versions())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {OTEL, JAEGER, "resolve-chassis-core", "resolve-chassis-logging"})
    void theLibrariesUnderServiceCodeAreAtTheVersionsTheBuildPins(String module) throws IOException {
        Map<String, String> resolved = project.resolved(module).versions();

        // jboss-threads 3.7 calls a jboss-logging 3.6 method: with undertow-core's own 3.4.3 the
        // first log message of the server's threads would throw NoSuchMethodError
        assertThat(resolved)
                .containsEntry("org.jboss.logging:jboss-logging", required("version.jboss-logging"))
                .containsEntry("io.undertow:undertow-core", required("version.undertow"))
                .containsEntry("com.fasterxml.jackson.core:jackson-databind", required("version.jackson"))
                .containsEntry("com.fasterxml.jackson.core:jackson-core", required("version.jackson"))
                .containsEntry("io.micrometer:micrometer-core", required("version.micrometer"))
                .containsEntry("org.slf4j:slf4j-api", required("version.slf4j"));
        if (!module.equals("resolve-chassis-core")) {
            assertThat(resolved).containsEntry("ch.qos.logback:logback-classic", required("version.logback"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {JAEGER, "resolve-chassis-tracing-jaeger"})
    void jaegerClientComesWithTheFixedOkhttpOkioAndKotlin(String module) throws IOException {
        Map<String, String> resolved = project.resolved(module).versions();

        assertThat(resolved)
                .containsEntry("com.squareup.okhttp3:okhttp", required("version.okhttp"))
                .containsEntry("com.squareup.okio:okio", required("version.okio"))
                .containsEntry("com.squareup.okio:okio-jvm", required("version.okio"))
                .containsEntry("org.jetbrains.kotlin:kotlin-stdlib", required("version.kotlin"))
                .doesNotContainKeys(
                        "org.jetbrains.kotlin:kotlin-stdlib-common",
                        "org.jetbrains.kotlin:kotlin-stdlib-jdk7",
                        "org.jetbrains.kotlin:kotlin-stdlib-jdk8");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {OTEL, JAEGER})
    void runsOnTheJarsThisBuildInstalled(String service) throws IOException {
        List<Path> classpath = project.classpath(service);
        assertThat(classpath).as("resolved from %s", REPO).allMatch(p -> p.startsWith(REPO));
        List<Path> chassis = classpath.stream()
                .filter(p -> p.startsWith(REPO.resolve("io/chassis")))
                .toList();
        assertThat(chassis).hasSizeGreaterThan(3);

        for (Path installed : chassis) {
            String file = installed.getFileName().toString();
            String artifactId = file.substring(0, file.length() - ("-" + VERSION + ".jar").length());
            Path built = OutsideProject.builtJar(artifactId);
            assertThat(Files.mismatch(installed, built))
                    .as(
                            "%s is the jar this build made (%s); a different one means the repository holds an"
                                    + " older install: build with `mvn install`",
                            installed, built)
                    .isEqualTo(-1L);
        }
    }

    @Test
    void theOpenTelemetryServiceStartsServesAndExportsItsSpansOverOtlp() throws Exception {
        try (Collector collector = new Collector()) {
            run(
                    OTEL,
                    Map.of(
                            "chassis.tracing.reporter.type",
                            "otlp",
                            "chassis.tracing.reporter.otlp.endpoint",
                            collector.url("/v1/traces")));

            assertThat(collector.posts())
                    .as("spans exported when the service stopped")
                    .isNotEmpty()
                    .allSatisfy(post -> assertThat(post.path()).isEqualTo("/v1/traces"))
                    .anySatisfy(post -> assertThat(new String(post.body(), StandardCharsets.ISO_8859_1))
                            .contains("GET /hello"));
        }
    }

    @Test
    void theJaegerServiceStartsServesAndReportsItsSpansThroughOkhttp() throws Exception {
        try (Collector collector = new Collector()) {
            run(
                    JAEGER,
                    Map.of(
                            "chassis.tracing.reporter.type",
                            "jaeger-collector",
                            "chassis.tracing.reporter.jaeger-collector.endpoint",
                            collector.url("/api/traces")));

            assertThat(collector.posts())
                    .as("spans sent by jaeger-client's okhttp sender when the service stopped")
                    .isNotEmpty()
                    .allSatisfy(post -> assertThat(post.path()).isEqualTo("/api/traces"))
                    .anySatisfy(post -> assertThat(new String(post.body(), StandardCharsets.ISO_8859_1))
                            .contains("GET /hello"));
        }
    }

    /** Starts the service, calls /hello and admin /health, stops it with SIGTERM. */
    private static void run(String service, Map<String, String> config) throws Exception {
        try (ServiceProcess process =
                ServiceProcess.start(project.module(service), project.classpath(service), config)) {
            JsonNode started = JSON.readTree(process.awaitLine(line -> line.contains(" started in ")));
            TestClient http = new TestClient(
                    URI.create("http://127.0.0.1:" + started.path("http_port").asInt() + "/"));
            TestClient admin = new TestClient(
                    URI.create("http://127.0.0.1:" + started.path("admin_port").asInt() + "/"));

            http.get("/hello").send().expectStatus(200).expectJson("/message", "hello from " + service);
            admin.get("/health").send().expectStatus(200).expectJson("/status", "UP");
            process.terminate();

            assertThat(process.stdout())
                    .as("%s logged no error", service)
                    .noneMatch(line -> line.contains("\"level\":\"ERROR\""));
            assertThat(withoutJdkUnsafeWarning(process.stderr()))
                    .as("%s wrote nothing to stderr", service)
                    .isEmpty();
        }
    }

    /**
     * JDK 24+ warns on stderr when logstash-logback-encoder's disruptor first touches sun.misc.Unsafe
     * (JEP 471/498); that block is the JVM's, not the service's output.
     */
    private static String withoutJdkUnsafeWarning(String stderr) {
        return stderr.lines()
                .filter(line -> !(line.startsWith("WARNING: ")
                        && (line.contains("sun.misc.Unsafe")
                                || line.contains("Please consider reporting this to the maintainers"))))
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
