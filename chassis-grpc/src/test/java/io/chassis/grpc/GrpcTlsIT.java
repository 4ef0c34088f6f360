package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.chassis.testing.TestCertificates;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gRPC port and named gRPC clients over TLS and mTLS with core's material, real handshakes on loopback. */
class GrpcTlsIT {

    @TempDir
    Path dir;

    static GrpcService mtlsBackend(TestCertificates certs) {
        TestCertificates.Pair server = certs.server();
        return GrpcService.start(GrpcService.builder(g -> g.service(new GrpcClientsIT.Backend()))
                .name("backend")
                .configOverride("chassis.grpc.tls.enabled", true)
                .configOverride(
                        "chassis.grpc.tls.certificate", server.certificate().toString())
                .configOverride("chassis.grpc.tls.key", server.key().toString())
                .configOverride("chassis.grpc.tls.client-auth", "required")
                .configOverride("chassis.grpc.tls.trust", certs.ca().toString()));
    }

    static ManagedChannel channel(int port, SslContextBuilder tls) throws Exception {
        return NettyChannelBuilder.forAddress("localhost", port)
                .sslContext(tls.build())
                .build();
    }

    static String call(ManagedChannel channel) {
        try {
            return EchoServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .echo(GrpcClientsIT.text("hi"))
                    .getText();
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void theGrpcPortRequiresAClientCertificateFromTheTrustedCa() throws Exception {
        TestCertificates certs = TestCertificates.in(dir);
        TestCertificates.Pair client = certs.client("caller");
        TestCertificates.Pair intruder = certs.wrongCaClient();
        try (GrpcService backend = mtlsBackend(certs);
                JsonLog log = JsonLog.capture("chassis.access")) {
            int port = backend.port();

            String good = call(channel(
                    port,
                    GrpcSslContexts.forClient()
                            .trustManager(certs.ca().toFile())
                            .keyManager(
                                    client.certificate().toFile(), client.key().toFile())));
            StatusRuntimeException without = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> call(channel(
                            port,
                            GrpcSslContexts.forClient().trustManager(certs.ca().toFile()))));
            StatusRuntimeException wrongCa = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> call(channel(
                            port,
                            GrpcSslContexts.forClient()
                                    .trustManager(certs.ca().toFile())
                                    .keyManager(
                                            intruder.certificate().toFile(),
                                            intruder.key().toFile()))));

            assertThat(good).isNotEmpty();
            assertThat(log.lines("chassis.access"))
                    .as("the one call that got through names its client certificate")
                    .singleElement()
                    .satisfies(
                            line -> assertThat(line.path("tls_peer").asText()).isEqualTo(client.subject()));
            assertThat(without.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(wrongCa.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(backend.service().admin().get("/metrics").send().body())
                    .containsPattern("tls_certificate_expiry_seconds\\{[^}]*listener=\"grpc\"");
        }
    }

    @Test
    void aNamedClientCallsOverMtlsWithItsOwnCertificate() throws Exception {
        TestCertificates certs = TestCertificates.in(dir);
        TestCertificates.Pair client = certs.client("service-a");
        GrpcClientsIT.Front front = new GrpcClientsIT.Front();
        try (GrpcService backend = mtlsBackend(certs);
                GrpcService a = GrpcClientsIT.front(
                        front,
                        backend.port(),
                        Map.of(
                                "chassis.grpc.clients.backend.target", "static:///localhost:" + backend.port(),
                                "chassis.grpc.clients.backend.tls.enabled", true,
                                "chassis.grpc.clients.backend.tls.trust",
                                        certs.ca().toString(),
                                "chassis.grpc.clients.backend.tls.certificate",
                                        client.certificate().toString(),
                                "chassis.grpc.clients.backend.tls.key",
                                        client.key().toString()))) {

            String answer = GrpcClientsIT.stub(a).echo(GrpcClientsIT.text("hi")).getText();

            assertThat(answer).isNotEmpty();
        }
    }
}
