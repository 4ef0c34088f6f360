package io.chassis.testing;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import java.net.URI;
import java.util.Objects;

/**
 * A service started for one test on ephemeral loopback ports, with clients for its listeners.
 *
 * <pre>{@code
 * try (TestService service = TestService.start(Chassis.builder().name("t")
 *         .configure(app -> app.http().get("/hello", ctx -> Map.of("message", "hi"))))) {
 *     service.http().get("/hello").send().expectStatus(200).expectJson("/message", "hi");
 * }
 * }</pre>
 *
 * <p>For one service per test class, register a {@link ChassisExtension} instead.
 */
public final class TestService implements AutoCloseable {

    private final Chassis app;

    private TestService(Chassis app) {
        this.app = app;
    }

    /**
     * Starts the service on loopback (see {@link #onLoopback}).
     *
     * @param builder the service's builder
     * @return the running service
     * @throws io.chassis.config.ConfigProblemsException listing every configuration problem
     * @throws io.chassis.core.ChassisStartupException when a module or a listener fails to start
     */
    public static TestService start(ChassisBuilder builder) {
        return new TestService(onLoopback(builder).start());
    }

    /**
     * Wraps a service a test started itself, e.g. with settings {@link #onLoopback} would replace.
     *
     * @param app a started service
     * @return the wrapper; closing it stops the service
     */
    public static TestService of(Chassis app) {
        return new TestService(Objects.requireNonNull(app, "app"));
    }

    /**
     * Sets what every test service needs: HTTP and admin on ephemeral loopback ports, no drain delay,
     * no JVM shutdown hook.
     *
     * @param builder the service's builder
     * @return the same builder
     */
    public static ChassisBuilder onLoopback(ChassisBuilder builder) {
        return builder.http(h -> h.port(0).host("127.0.0.1"))
                .admin(a -> a.port(0).host("127.0.0.1"))
                .configOverride("chassis.shutdown.drain-delay", "0s")
                .configOverride("chassis.shutdown.hook", false);
    }

    /** @return the running service */
    public Chassis app() {
        return app;
    }

    /** @return a client for the application listener */
    public TestClient http() {
        return new TestClient(URI.create("http://127.0.0.1:" + app.httpPort() + "/"));
    }

    /**
     * @return a client for the admin listener
     * @throws IllegalStateException when the admin listener is disabled
     */
    public TestClient admin() {
        int port = app.adminPort();
        if (port < 0) {
            throw new IllegalStateException("the admin listener is disabled (chassis.admin.enabled = false)");
        }
        return new TestClient(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** Stops the service gracefully. */
    @Override
    public void close() {
        app.stop();
    }
}
