package io.chassis.examples.currency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service called from other ecosystems: a Python client (Debian's python3-grpcio, messages
 * from the build's descriptor set) and a Node client (@grpc/grpc-js with the .proto loaded at run
 * time, versions pinned by src/test/node/package-lock.json) each make every kind of call, plus
 * failures, and print what they got as JSON; the tests assert those values against {@link Rates}.
 *
 * <p>Tools: {@code bash .ci/install-tools} installs python3-grpcio and the Node packages; when
 * {@code src/test/node/node_modules} is missing this test runs {@code npm ci} itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropIT {

    static final Path DESCRIPTOR_SET =
            Path.of("target", "generated-resources", "protobuf", "descriptor-sets", "currency.desc");
    static final Path PROTO_DIR = Path.of("src", "main", "proto");
    static final Path PROTO_INCLUDE = Path.of("target", "proto-include");
    static final Path PYTHON_CLIENT = Path.of("src", "test", "python", "currency_client.py");
    static final Path NODE_DIR = Path.of("src", "test", "node");
    /** Debian's python3 has python3-grpcio; a pyenv python3 first on PATH does not. */
    static final String PYTHON = "/usr/bin/python3";

    static final ObjectMapper JSON = new ObjectMapper();
    static final Rates RATES = Rates.fixed();

    Path workDir;

    CurrencyEndpoint service;
    final Map<String, ClientRun> runs = new ConcurrentHashMap<>();

    /** The service the clients call; a subclass starts it another way (over TLS, with tokens). */
    CurrencyEndpoint startService(Path dir) throws Exception {
        return PackagedService.start(dir);
    }

    /** @return what the clients' environment gets besides their arguments (GRPC_CA, GRPC_TOKEN) */
    Map<String, String> clientEnvironment() {
        return Map.of();
    }

    @BeforeAll
    void startTheService(@TempDir Path dir) throws Exception {
        workDir = dir;
        service = startService(workDir);
    }

    @AfterAll
    void stopTheService() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    static Stream<String> clients() {
        return Stream.of("python", "node");
    }

    /** The client's output; it runs once per client, the first test that asks starts it. */
    JsonNode out(String client) {
        ClientRun run = runs.computeIfAbsent(client, this::run);
        assertThat(run.failure()).as(client + " client").isNull();
        assertThat(run.output().path("client").asText()).isEqualTo(client);
        return run.output();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void getRateAnswersTheTablesRateAtTheFixedInstant(String client) {
        JsonNode rate = out(client).path("get_rate");

        assertThat(rate.path("base").asText()).isEqualTo("EUR");
        assertThat(rate.path("quote").asText()).isEqualTo("USD");
        assertThat(rate.path("rate").asText())
                .isEqualTo(RATES.rate("EUR", "USD").text())
                .isEqualTo("1.0823");
        assertThat(rate.path("as_of").path("seconds").asLong())
                .isEqualTo(RATES.asOf().getEpochSecond())
                .isEqualTo(1_767_369_600L); // 2026-01-02T16:00:00Z
        assertThat(rate.path("as_of").path("nanos").asInt()).isZero();
        assertThat(out(client).path("get_rate_same").path("rate").asText()).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void convertRoundsHalfEvenToTheQuotesMinorUnits(String client) {
        JsonNode convert = out(client).path("convert");
        JsonNode tie = out(client).path("convert_tie");

        assertThat(convert.path("base").asText()).isEqualTo("EUR");
        assertThat(convert.path("quote").asText()).isEqualTo("JPY");
        assertThat(convert.path("amount").asText()).isEqualTo("10.00");
        assertThat(convert.path("converted").asText())
                .isEqualTo(RATES.convert("EUR", "JPY", "10.00").convertedText())
                .isEqualTo("1624");
        assertThat(convert.path("rate").asText()).isEqualTo("162.37");
        assertThat(tie.path("converted").asText()).isEqualTo("162.34"); // 162.345, half-even
        assertThat(tie.path("rate").asText()).isEqualTo("1.0823");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void listCurrenciesStreamsTheTableSortedByCode(String client) {
        List<String> expected =
                RATES.currencies().stream().map(c -> c.code() + " " + c.name()).toList();
        List<String> listed = new ArrayList<>();
        out(client)
                .path("currencies")
                .forEach(c -> listed.add(
                        c.path("code").asText() + " " + c.path("name").asText()));

        assertThat(listed)
                .isEqualTo(expected)
                .containsExactly(
                        "CHF Swiss Franc", "EUR Euro", "GBP Pound Sterling", "JPY Japanese Yen", "USD US Dollar");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void convertBatchCountsAndTotalsPerQuoteAndAnEmptyBatchIsOk(String client) {
        Rates.Batch expected = RATES.batch();
        expected.convert("EUR", "USD", "12.50");
        expected.convert("GBP", "USD", "5.5");
        expected.convert("EUR", "JPY", "10.00");
        JsonNode batch = out(client).path("batch");
        JsonNode empty = out(client).path("batch_empty");

        assertThat(batch.path("count").asInt()).isEqualTo(3);
        assertThat(JSON.convertValue(batch.path("totals"), new TypeReference<Map<String, String>>() {}))
                .isEqualTo(expected.totals())
                .isEqualTo(Map.of("USD", "20.48", "JPY", "1624"));
        assertThat(empty.path("count").asInt()).isZero();
        assertThat(empty.path("totals").isObject()).isTrue();
        assertThat(empty.path("totals").isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void anInvalidBatchRequestEndsTheCallWithInvalidArgumentNamingItsIndex(String client) {
        JsonNode error = out(client).path("batch_invalid");

        assertThat(error.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText())
                .isEqualTo("request at index 1: amount \"1.0000001\" is not a plain non-negative decimal with at"
                        + " most 6 fraction digits, such as \"12.50\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void streamRatesAnswersEachRequestBeforeTheNextIsSent(String client) {
        // The clients send each request only after the previous answer arrived, under a deadline.
        List<String> rates = new ArrayList<>();
        out(client)
                .path("stream_rates")
                .forEach(r -> rates.add(r.path("base").asText() + "/"
                        + r.path("quote").asText() + " " + r.path("rate").asText()));

        assertThat(rates)
                .containsExactly(
                        "EUR/USD " + RATES.rate("EUR", "USD").text(),
                        "USD/JPY " + RATES.rate("USD", "JPY").text(),
                        "GBP/GBP 1");
        assertThat(rates.get(1)).isEqualTo("USD/JPY 150.0230989559272");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aBadCodeEndsTheRateStreamWithTheStatusGetRateWouldGive(String client) {
        JsonNode stream = out(client).path("stream_rates_error");

        assertThat(stream.path("rates")).hasSize(1);
        assertThat(stream.path("rates").path(0).path("rate").asText()).isEqualTo("0.94215");
        assertThat(stream.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(stream.path("error").path("message").asText())
                .isEqualTo("quote \"chf\" is not a currency code: expected three upper-case letters such as EUR");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void malformedInputIsInvalidArgumentAndAnUnknownCodeNotFoundEachNamingTheField(String client) {
        JsonNode malformedCode = out(client).path("invalid_argument");
        JsonNode malformedAmount = out(client).path("invalid_amount");
        JsonNode unknown = out(client).path("not_found");

        assertThat(malformedCode.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(malformedCode.path("message").asText())
                .isEqualTo("base \"eur\" is not a currency code: expected three upper-case letters such as EUR");
        assertThat(malformedAmount.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(malformedAmount.path("message").asText()).startsWith("amount \"1e3\" is not a plain");
        assertThat(unknown.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknown.path("message").asText())
                .isEqualTo("quote \"XXX\" is not a supported currency; supported: CHF, EUR, GBP, JPY, USD");
    }

    @Test
    void healthAndReflectionV1AnswerOnTheGrpcPort() {
        JsonNode out = out("python");

        assertThat(out.path("health").path("").asText()).isEqualTo("SERVING");
        assertThat(out.path("health").path("currency.v1.CurrencyService").asText())
                .isEqualTo("SERVING");
        List<String> services = new ArrayList<>();
        out.path("reflection_services").forEach(s -> services.add(s.asText()));
        assertThat(services)
                .contains(
                        "currency.v1.CurrencyService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
    }

    private ClientRun run(String client) {
        String target = "127.0.0.1:" + service.grpcPort();
        try {
            assertThat(DESCRIPTOR_SET).as("written by the build").exists();
            assertThat(PROTO_INCLUDE.resolve("google/api/annotations.proto"))
                    .as("unpacked by the build")
                    .exists();
            return switch (client) {
                case "python" ->
                    ClientRun.of(execute(
                            "python",
                            List.of(PYTHON, PYTHON_CLIENT.toString(), target, DESCRIPTOR_SET.toString()),
                            null));
                case "node" -> {
                    if (!Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
                        execute(
                                "npm-ci",
                                List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                                NODE_DIR);
                    }
                    yield ClientRun.of(execute(
                            "node",
                            List.of(
                                    "node",
                                    "currency_client.js",
                                    target,
                                    PROTO_DIR.toAbsolutePath().toString(),
                                    PROTO_INCLUDE.toAbsolutePath().toString()),
                            NODE_DIR));
                }
                default -> throw new IllegalArgumentException(client);
            };
        } catch (Exception | AssertionError e) {
            return new ClientRun(null, e.toString());
        }
    }

    /** Runs a command to its end (at most 2 minutes) and returns its stdout; it must exit with 0. */
    private String execute(String name, List<String> command, Path directory) throws IOException, InterruptedException {
        Path stdout = workDir.resolve(name + "-stdout.txt");
        Path stderr = workDir.resolve(name + "-stderr.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(clientEnvironment());
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish; stderr: " + Files.readString(stderr));
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; stdout: " + out + "; stderr: "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** One client's output, or why there is none. */
    record ClientRun(JsonNode output, String failure) {
        static ClientRun of(String stdout) throws IOException {
            return new ClientRun(JSON.readTree(stdout), null);
        }
    }
}
