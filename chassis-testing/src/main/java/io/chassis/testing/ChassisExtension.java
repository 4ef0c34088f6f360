package io.chassis.testing;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a Chassis service once per test class on free ports and stops it afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ChassisExtension app = ChassisExtension.of(HelloService::builder)
 *         .withConfig("hello.greeting", "Hi");
 *
 * @Test
 * void greets() {
 *     app.http().get("/hello?name=Ann").send().expectStatus(200).expectJson("/message", "Hi, Ann!");
 * }
 * }</pre>
 *
 * <p>Whatever the builder says, the service listens on loopback with ephemeral HTTP and admin ports,
 * without drain delay and without a JVM shutdown hook ({@link TestService#onLoopback}). Register it as a {@code static} field.
 * {@code @Nested} classes share the service of the class that registered the extension; it stops when that
 * class is done.
 */
public final class ChassisExtension implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<ChassisBuilder> builder;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private Chassis app;
    private String owner;

    private ChassisExtension(Supplier<ChassisBuilder> builder) {
        this.builder = builder;
    }

    /**
     * @param builder creates the service's builder, e.g. the application's own factory method
     * @return an extension to register with {@code @RegisterExtension}
     */
    public static ChassisExtension of(Supplier<ChassisBuilder> builder) {
        return new ChassisExtension(Objects.requireNonNull(builder, "builder"));
    }

    /**
     * Overrides a configuration value for this test class (above every other layer).
     *
     * @param path e.g. {@code hello.greeting}
     * @param value the value
     * @return this extension
     */
    public ChassisExtension withConfig(String path, Object value) {
        config.put(path, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (app != null) {
            return; // a @Nested class inherits the extension: it shares the running service
        }
        ChassisBuilder b = TestService.onLoopback(builder.get());
        config.forEach(b::configOverride);
        app = b.start();
        owner = context.getUniqueId();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (app != null && context.getUniqueId().equals(owner)) {
            app.stop();
            app = null;
            owner = null;
        }
    }

    /** @return the running service */
    public Chassis app() {
        if (app == null) {
            throw new IllegalStateException("the service is not running; register the extension on a static field");
        }
        return app;
    }

    /** @return a client for the application listener */
    public TestClient http() {
        return new TestClient(baseUri());
    }

    /**
     * @return a client for the admin listener
     * @throws IllegalStateException when the admin listener is disabled
     */
    public TestClient admin() {
        return new TestClient(adminUri());
    }

    /** @return {@code http://127.0.0.1:<port>/} of the application listener */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + app().httpPort() + "/");
    }

    /**
     * @return {@code http://127.0.0.1:<port>/} of the admin listener
     * @throws IllegalStateException when the admin listener is disabled
     */
    public URI adminUri() {
        int port = app().adminPort();
        if (port < 0) {
            throw new IllegalStateException("the admin listener is disabled (chassis.admin.enabled = false)");
        }
        return URI.create("http://127.0.0.1:" + port + "/");
    }
}
