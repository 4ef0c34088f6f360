package io.chassis.benchmarks;

import io.chassis.core.Chassis;
import java.util.Map;

/**
 * The server of {@code benchmarks/tls.sh}: two services in one JVM, the same JSON hello (blocking route,
 * metrics, request ids and the access log on, as {@link ChassisHello}'s {@code /hello}), one on a
 * plaintext port and one on a TLS port (TLS 1.3 with the chassis' default protocols and ciphers). One JVM
 * so that both run the same JIT-compiled code and share the heap and cores; only one is loaded at a time.
 *
 * <p>Usage: {@code TlsVsPlaintext <plaintext port> <tls port> <certificate.pem> <key.pem>}
 */
public final class TlsVsPlaintext {

    private TlsVsPlaintext() {}

    public static void main(String[] args) {
        start("plaintext", Integer.parseInt(args[0]), null, null);
        start("tls", Integer.parseInt(args[1]), args[2], args[3]);
    }

    private static void start(String name, int port, String certificate, String key) {
        var builder = Chassis.builder()
                .name("bench-" + name)
                .version("1")
                .http(h -> h.port(port).host("127.0.0.1"))
                .admin(a -> a.port(0).host("127.0.0.1"))
                .configOverride("chassis.shutdown.drain-delay", "0s")
                .configOverride("chassis.tracing.enabled", false)
                .configure(app -> app.http().get("/hello", ctx -> Map.of("message", "hello")));
        if (certificate != null) {
            builder.configOverride("chassis.http.tls.enabled", true)
                    .configOverride("chassis.http.tls.certificate", certificate)
                    .configOverride("chassis.http.tls.key", key);
        }
        builder.start();
    }
}
