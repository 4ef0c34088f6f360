package io.chassis.examples.hello;

import io.chassis.core.http.HttpProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service's business logic: greetings kept in memory. */
final class Greetings {

    private static final Logger LOG = LoggerFactory.getLogger(Greetings.class);

    /** A stored greeting. */
    record Greeting(long id, String message) {}

    /** The body of {@code POST /greetings}. */
    record NewGreeting(String name) {}

    private volatile HelloSettings settings;
    private final Map<Long, Greeting> stored = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Counter created;

    Greetings(HelloSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.created = Counter.builder("hello.greetings.stored")
                .description("Greetings stored through POST /greetings")
                .register(meters);
    }

    /** Greets with {@code changed} from now on. */
    void use(HelloSettings changed) {
        this.settings = changed;
    }

    Map<String, String> hello(String name) {
        LOG.debug("Greeting {}", name);
        return Map.of("message", message(name));
    }

    Greeting create(NewGreeting request) {
        Greeting greeting = new Greeting(ids.incrementAndGet(), message(request.name()));
        stored.put(greeting.id(), greeting);
        // The name is client input: the logging module keeps a CR or LF in it from forging a line.
        LOG.atInfo()
                .addKeyValue("greeting_id", greeting.id())
                .log("Created greeting {} for {}", greeting.id(), request.name());
        created.increment();
        return greeting;
    }

    Greeting find(String id) {
        Greeting greeting;
        try {
            greeting = stored.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("Greeting id must be a number, but was '" + id + "'.");
        }
        if (greeting == null) {
            throw HttpProblem.notFound("There is no greeting " + id + ".");
        }
        return greeting;
    }

    private String message(String name) {
        HelloSettings now = settings;
        if (name == null || name.isBlank() || name.length() > now.maxNameLength()) {
            throw HttpProblem.badRequest("name must be 1 to " + now.maxNameLength() + " characters.");
        }
        return now.greeting() + ", " + name + "!";
    }
}
