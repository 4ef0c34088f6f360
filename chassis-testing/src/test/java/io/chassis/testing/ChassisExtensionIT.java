package io.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChassisExtensionIT {

    static ChassisBuilder service() {
        return Chassis.builder()
                .name("extension-test")
                .discoverModules(false)
                .get("/setting", ctx -> Map.of("value", "x"));
    }

    @RegisterExtension
    static ChassisExtension app =
            ChassisExtension.of(ChassisExtensionIT::service).withConfig("chassis.service.version", "9.9");

    final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void servesTheApplicationOnAnEphemeralPort() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(app.baseUri().resolve("/setting")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(app.baseUri().getPort()).isNotIn(8080, 0);
        assertThat(response.body()).isEqualTo("{\"value\":\"x\"}");
    }

    @Test
    void appliesConfigOverridesAndServesTheAdminPort() throws Exception {
        HttpResponse<String> info = client.send(
                HttpRequest.newBuilder(app.adminUri().resolve("/info")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(app.adminUri().getPort()).isNotIn(8081, 0);
        assertThat(info.body()).contains("\"version\":\"9.9\"");
        assertThat(app.app().readiness().isReady()).isTrue();
    }
}
