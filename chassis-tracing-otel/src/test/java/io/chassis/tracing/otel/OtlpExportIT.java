package io.chassis.tracing.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.testing.TestService;
import io.chassis.tracing.TracingModule;
import io.chassis.tracing.testing.SpanSink;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpExportIT {

    @Test
    void exportsOtlpProtobufOverHttpByDefault() throws Exception {
        try (SpanSink sink = SpanSink.start()) {
            try (TestService app = TestService.start(Chassis.builder()
                    .discoverModules(false)
                    .module(TracingModule.create())
                    .name("svc")
                    .configOverride(
                            "chassis.tracing.reporter.otlp.endpoint",
                            sink.uri("/v1/traces").toString())
                    .configure(a -> a.http().get("/otlp-route", ctx -> Map.of())))) {
                app.http().get("/otlp-route").send();
            }

            assertThat(sink.posts()).singleElement().satisfies(post -> {
                assertThat(post.path()).isEqualTo("/v1/traces");
                assertThat(post.contentType()).isEqualTo("application/x-protobuf");
                // protobuf writes strings as UTF-8 bytes: the span name and service are in the body
                String body = new String(post.body(), StandardCharsets.ISO_8859_1);
                assertThat(body).contains("GET /otlp-route").contains("svc");
            });
        }
    }
}
