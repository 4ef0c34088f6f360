package io.chassis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.examples.currency.CurrencyServiceImpl;
import io.chassis.examples.currency.Rates;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The startup probe's hand-written HTTP/2 client against a real grpc-java Netty server. */
class HealthCheckConnectionTest {

    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination();
        }
    }

    private int start(HealthStatusManager health) throws Exception {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new CurrencyServiceImpl(Rates.fixed()));
        if (health != null) {
            builder.addService(health.getHealthService());
        }
        server = builder.build().start();
        return server.getPort();
    }

    @Test
    void readsTheStatusTheServerAnswersOnOneConnection() throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        int port = start(health);

        try (HealthCheckConnection connection = HealthCheckConnection.open("127.0.0.1", port, 5000)) {
            assertThat(connection.check()).isEqualTo(ServingStatus.NOT_SERVING);
            health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
            assertThat(connection.check()).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void keepsWorkingPastTheInitialConnectionWindow() throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        int port = start(health);

        // 7 DATA bytes per answer: 10,000 answers are past the 65,535-byte initial window,
        // which only holds if the connection hands the window back.
        try (HealthCheckConnection connection = HealthCheckConnection.open("127.0.0.1", port, 5000)) {
            for (int i = 0; i < 10_000; i++) {
                assertThat(connection.check()).isEqualTo(ServingStatus.SERVING);
            }
        }
    }

    @Test
    void aServerWithoutHealthAnswersNoStatus() throws Exception {
        int port = start(null);

        try (HealthCheckConnection connection = HealthCheckConnection.open("127.0.0.1", port, 5000)) {
            assertThat(connection.check()).as("UNIMPLEMENTED, trailers only").isNull();
        }
    }
}
