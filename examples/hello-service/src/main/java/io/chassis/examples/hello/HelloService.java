package io.chassis.examples.hello;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;

/** A small JSON service: everything it does is wired here. */
public final class HelloService {

    private HelloService() {}

    /** @return the service description, shared by {@link #main} and the tests */
    public static ChassisBuilder builder() {
        return Chassis.builder().configure(app -> {
            Greetings greetings = new Greetings(app.config().bind("hello", HelloSettings.class), app.metrics());
            // With chassis.config.reload.enabled, a valid change of the hello section is read again here;
            // an invalid one never gets this far.
            app.lifecycle().onConfigChange(change -> {
                if (change.affects("hello")) {
                    greetings.use(app.config().bind("hello", HelloSettings.class));
                }
            });
            app.http()
                    .get("/hello", ctx -> greetings.hello(ctx.queryParam("name").orElse("world")))
                    .get("/greetings/{id}", ctx -> greetings.find(ctx.pathParam("id")))
                    .post("/greetings", ctx -> greetings.create(ctx.status(201).body(Greetings.NewGreeting.class)));
        });
    }

    /** @param args {@code run} (default), {@code check} or {@code config} */
    public static void main(String[] args) {
        builder().main(args);
    }
}
