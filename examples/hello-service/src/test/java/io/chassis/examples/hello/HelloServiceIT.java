package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.testing.ChassisExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HelloServiceIT {

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(HelloService::builder).withConfig("hello.greeting", "Hi");

    final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void greetsByNameWithTheConfiguredGreeting() throws Exception {
        HttpResponse<String> response = get("/hello?name=Ann");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hi, Ann!\"}");
    }

    @Test
    void createdGreetingsCanBeReadBack() throws Exception {
        HttpResponse<String> created = client.send(
                HttpRequest.newBuilder(app.baseUri().resolve("/greetings"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bo\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":(\\d+).*", "$1");
        assertThat(get("/greetings/" + id).body()).contains("\"message\":\"Hi, Bo!\"");
    }

    @Test
    void reportsItselfReadyWithItsConfiguredChecks() throws Exception {
        HttpResponse<String> ready = client.send(
                HttpRequest.newBuilder(app.adminUri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .contains("\"status\":\"UP\"")
                .contains("\"name\":\"deadlocks\"")
                .contains("\"name\":\"disk\"");
    }

    @Test
    void storedGreetingsAreCountedInTheServicesOwnMetric() throws Exception {
        double before = greetingsStored();
        client.send(
                HttpRequest.newBuilder(app.baseUri().resolve("/greetings"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Cy\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(greetingsStored()).isEqualTo(before + 1);
    }

    private double greetingsStored() throws Exception {
        String metrics = client.send(
                        HttpRequest.newBuilder(app.adminUri().resolve("/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith("hello_greetings_stored_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void unknownGreetingIs404Problem() throws Exception {
        HttpResponse<String> response = get("/greetings/999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void overlongNameIs400Problem() throws Exception {
        assertThat(get("/hello?name=" + "x".repeat(41)).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(app.baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
