package io.chassis.core;

/**
 * The service {@link ShutdownUnderLoadIT} runs in a child JVM and stops with SIGTERM: {@code GET
 * /ok} on an ephemeral loopback port, the JVM shutdown hook on, a short drain. Prints {@value
 * #PORT_LINE} and the port once it serves.
 */
public final class ShutdownChild {

    static final String PORT_LINE = "shutdown-child http port ";

    private ShutdownChild() {}

    /** @param args none */
    public static void main(String[] args) {
        Chassis app = Chassis.builder()
                .name("shutdown-child")
                .version("1")
                .discoverModules(false)
                .http(h -> h.port(0).host("127.0.0.1"))
                .admin(a -> a.port(0).host("127.0.0.1"))
                .configOverride("chassis.shutdown.drain-delay", "100ms")
                .configOverride("chassis.shutdown.grace-period", "5s")
                .configure(a -> a.http().get("/ok", ctx -> "ok"))
                .start();
        System.out.println(PORT_LINE + app.httpPort());
        System.out.flush();
    }
}
