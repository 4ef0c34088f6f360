package io.chassis.examples.currency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.examples.currency.v1.CurrencyServiceGrpc;
import io.chassis.examples.currency.v1.GetRateRequest;
import io.chassis.testing.TestClient;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/currency-service.jar} with its
 * ports from the environment, the admin port's health and metrics, JSON logs, a clean SIGTERM.
 * One run serves all tests. (InteropIT covers the gRPC contract from Python and Node.)
 *
 * <p>Needs
 * the module.
 */
class CurrencyServiceIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    static PackagedService service;
    static String readyBody;
    static int readyStatus;
    static String metrics;
    static String rate;
    static List<JsonNode> lines = new ArrayList<>();

    @BeforeAll
    static void runTheServiceThenTerminateIt() throws Exception {
        service = PackagedService.start(workDir);
        var ready = new TestClient(URI.create("http://127.0.0.1:" + service.adminPort() + "/"))
                .get("/health/ready")
                .send();
        readyStatus = ready.status();
        readyBody = ready.body();

        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                .usePlaintext()
                .build();
        try {
            rate = CurrencyServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getRate(GetRateRequest.newBuilder()
                            .setBase("GBP")
                            .setQuote("JPY")
                            .build())
                    .getRate();
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        metrics = new TestClient(URI.create("http://127.0.0.1:" + service.adminPort() + "/"))
                .get("/metrics")
                .send()
                .expectStatus(200)
                .body();

        for (String line : service.terminate()) {
            lines.add(JSON.readTree(line)); // throws for a line that is not one JSON value
        }
    }

    @AfterAll
    static void killIfStillRunning() {
        if (service != null) {
            service.kill();
        }
    }

    @Test
    void startsOnThePortsFromTheEnvironmentAndNamesItselfCurrencyService() {
        JsonNode started = service.startedLine();

        assertThat(started.path("service").asText()).isEqualTo("currency-service");
        assertThat(started.path("http_port").asInt()).isPositive();
        assertThat(started.path("admin_port").asInt()).isPositive();
        assertThat(started.path(PackagedService.GRPC_PORT_FIELD).asInt()).isPositive();
    }

    @Test
    void answersGrpcFromJava() {
        assertThat(rate).isEqualTo(Rates.fixed().rate("GBP", "JPY").text()).isEqualTo("189.5937693394519");
    }

    @Test
    void isReadyOnTheAdminPort() {
        assertThat(readyStatus).as(readyBody).isEqualTo(200);
    }

    @Test
    void theAdminPortsMetricsCountTheGrpcCall() {
        assertThat(metrics).contains("grpc_server_requests_seconds_count{").contains("rpc_method=\"GetRate\"");
    }

    @Test
    void logsJsonLinesOnlyAndStopsCleanlyOnSigterm() {
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("service").asText()).isEqualTo("currency-service");
            assertThat(line.path("level").asText()).isNotEqualTo("ERROR");
        });
        assertThat(lines.get(lines.size() - 1).path("message").asText()).isEqualTo("currency-service stopped");
    }
}
