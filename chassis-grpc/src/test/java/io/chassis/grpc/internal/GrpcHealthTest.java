package io.chassis.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.health.Readiness;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health follows readiness: NOT_SERVING before start, SERVING while ready, NOT_SERVING for good after terminate. */
class GrpcHealthTest {

    volatile boolean ready;
    final Readiness readiness = new Readiness() {
        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public boolean isStarted() {
            return ready;
        }
    };
    final GrpcHealth health = new GrpcHealth(readiness, List.of("a.v1.A"));
    Server server;
    ManagedChannel channel;

    @BeforeEach
    void serve() throws Exception {
        server = InProcessServerBuilder.forName("health-test")
                .directExecutor()
                .addService(health.service())
                .build()
                .start();
        channel =
                InProcessChannelBuilder.forName("health-test").directExecutor().build();
    }

    @AfterEach
    void shutdown() {
        health.stopPolling();
        channel.shutdownNow();
        server.shutdownNow();
    }

    ServingStatus check(String service) {
        return HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    @Test
    void followsReadinessOnEveryCheck() {
        assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(check("a.v1.A")).isEqualTo(ServingStatus.NOT_SERVING);

        ready = true;

        assertThat(check("")).isEqualTo(ServingStatus.SERVING);
        assertThat(check("a.v1.A")).isEqualTo(ServingStatus.SERVING);

        ready = false;

        assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
    }

    @Test
    void staysNotServingOnceTerminated() {
        ready = true;
        assertThat(check("")).isEqualTo(ServingStatus.SERVING);

        health.terminate();

        assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(check("a.v1.A")).isEqualTo(ServingStatus.NOT_SERVING);
    }
}
