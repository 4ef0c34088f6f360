package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.testing.ChassisExtension;
import io.chassis.testing.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HelloServiceIT {

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(HelloService::builder).withConfig("hello.greeting", "Hi");

    @Test
    void greetsByNameWithTheConfiguredGreeting() {
        TestResponse response = app.http().get("/hello?name=Ann").send();

        response.expectStatus(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hi, Ann!\"}");
    }

    @Test
    void createdGreetingsCanBeReadBack() {
        TestResponse created =
                app.http().post("/greetings").json("{\"name\":\"Bo\"}").send();

        created.expectStatus(201);
        String id = created.body().replaceAll(".*\"id\":(\\d+).*", "$1");
        assertThat(app.http().get("/greetings/" + id).send().body()).contains("\"message\":\"Hi, Bo!\"");
    }

    @Test
    void reportsItselfReadyWithItsConfiguredChecks() {
        TestResponse ready = app.admin().get("/health").send();

        ready.expectStatus(200);
        assertThat(ready.body())
                .contains("\"status\":\"UP\"")
                .contains("\"name\":\"deadlocks\"")
                .contains("\"name\":\"disk\"");
    }

    @Test
    void storedGreetingsAreCountedInTheServicesOwnMetric() {
        double before = greetingsStored();
        app.http().post("/greetings").json("{\"name\":\"Cy\"}").send();

        assertThat(greetingsStored()).isEqualTo(before + 1);
    }

    private double greetingsStored() {
        String metrics = app.admin().get("/metrics").send().body();
        return metrics.lines()
                .filter(line -> line.startsWith("hello_greetings_stored_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void unknownGreetingIs404Problem() {
        app.http()
                .get("/greetings/999")
                .send()
                .expectStatus(404)
                .expectHeader("Content-Type", "application/problem+json");
    }

    @Test
    void aJsonNullBodyIs400NotA500() {
        app.http()
                .post("/greetings")
                .json("null")
                .send()
                .expectStatus(400)
                .expectContentType("application/problem+json")
                .expectJson("/detail", "A JSON request body is required.");
    }

    @Test
    void aNameOfTheWrongTypeIsNamedInTheProblem() {
        app.http()
                .post("/greetings")
                .json("{\"name\":{\"first\":\"Bo\"}}")
                .send()
                .expectStatus(400)
                .expectJson("/detail", "Invalid JSON body: field /name must be a string, but was an object.");
    }

    @Test
    void overlongNameIs400Problem() {
        app.http().get("/hello?name=" + "x".repeat(41)).send().expectStatus(400);
    }
}
