package io.chassis.tracing.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.testing.TestService;
import io.chassis.tracing.TracingModule;
import io.chassis.tracing.testing.SpanSink;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JaegerReportersIT {

    @Test
    void reportsToAJaegerAgentOverUdpByDefault() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            agent.setSoTimeout(10_000);
            try (TestService app = TestService.start(Chassis.builder()
                    .discoverModules(false)
                    .module(TracingModule.create())
                    .name("svc")
                    .configOverride("chassis.tracing.reporter.jaeger-agent.host", "127.0.0.1")
                    .configOverride("chassis.tracing.reporter.jaeger-agent.port", agent.getLocalPort())
                    .configure(a -> a.http().get("/agent-route", ctx -> Map.of())))) {
                app.http().get("/agent-route").send();
            }

            DatagramPacket packet = new DatagramPacket(new byte[65_000], 65_000);
            agent.receive(packet);
            // Thrift compact writes strings as UTF-8 bytes: the operation name is in the packet
            String body = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            assertThat(body).contains("GET /agent-route").contains("svc");
        }
    }

    @Test
    void reportsToAJaegerCollectorOverHttp() throws Exception {
        try (SpanSink collector = SpanSink.start()) {
            try (TestService app = TestService.start(Chassis.builder()
                    .discoverModules(false)
                    .module(TracingModule.create())
                    .name("svc")
                    .configOverride("chassis.tracing.reporter.type", "jaeger-collector")
                    .configOverride(
                            "chassis.tracing.reporter.jaeger-collector.endpoint",
                            collector.uri("/api/traces").toString())
                    .configure(a -> a.http().get("/collector-route", ctx -> Map.of())))) {
                app.http().get("/collector-route").send();
            }

            assertThat(collector.posts()).singleElement().satisfies(post -> {
                assertThat(post.path()).isEqualTo("/api/traces");
                assertThat(new String(post.body(), StandardCharsets.ISO_8859_1)).contains("GET /collector-route");
            });
        }
    }
}
