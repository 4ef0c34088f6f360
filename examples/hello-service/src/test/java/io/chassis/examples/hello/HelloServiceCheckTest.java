package io.chassis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelloServiceCheckTest {

    @Test
    void checkPassesWithTheShippedConfiguration() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = HelloService.builder()
                .execute(new String[] {"check"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: hello-service");
    }

    @Test
    void checkFailsOnAnInvalidGreetingWithHelloSettingsOwnRule() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = HelloService.builder()
                .configOverride("hello.greeting", " ")
                .execute(
                        new String[] {"check"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("OK:");
        // exactly one problem: the key, and the rule HelloSettings' constructor enforces
        assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("  * ")))
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .endsWith(": hello.greeting must not be blank, but was ' '. Say e.g. Hello."));
    }

    @Test
    void checkFailsOnANonPositiveNameLengthWithTheValueItWasGiven() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = HelloService.builder()
                .configOverride("hello.max-name-length", 0)
                .execute(new String[] {"check"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(": hello.max-name-length must be positive, but was '0'. Use e.g. 40.");
    }
}
