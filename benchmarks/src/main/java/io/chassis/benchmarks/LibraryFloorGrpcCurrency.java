package io.chassis.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.grpc.Server;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.yaml.snakeyaml.Yaml;

/**
 * What the chosen libraries cost at startup, without a line of Chassis: {@link BareGrpcCurrency#serve}
 * (same service, same executor, health NOT_SERVING until started), and before it the
 * libraries a chassis-grpc service cannot start without, each doing the least it does there: logback
 * with logstash's JSON encoder behind an async appender (one line written), jul-to-slf4j, typesafe
 * config's reference.conf plus the service's application.yaml through SnakeYAML, a Jackson
 * ObjectMapper writing a map, a Micrometer Prometheus registry with the JVM binders and one timer,
 * Undertow on two ports (application and admin), and gRPC reflection next to health. {@code
 * benchmarks/grpc.sh} times its startup-to-SERVING like the other two: the floor under the chassis's
 * figure that no change to Chassis itself can go below.
 *
 * <p>Usage: {@code LibraryFloorGrpcCurrency <grpc port> <http port> <admin port> [threads]}, threads
 * as {@link BareGrpcCurrency}'s. Its class path holds the libraries and no Chassis module.
 */
public final class LibraryFloorGrpcCurrency {

    private LibraryFloorGrpcCurrency() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        int adminPort = Integer.parseInt(args[2]);
        int threads = args.length > 3 ? BareGrpcCurrency.threads(args[3]) : 0;

        Logger log = jsonLogging();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        Config config = ConfigFactory.load();
        Map<String, Object> yaml;
        try (InputStream in = LibraryFloorGrpcCurrency.class.getResourceAsStream("/application.yaml")) {
            yaml = new Yaml().load(in);
        }
        ObjectMapper json = new ObjectMapper();
        byte[] body = json.writeValueAsBytes(Map.of("config", config.root().size(), "yaml", yaml.size()));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Timer timer = Timer.builder("grpc.server.requests")
                .tag("rpc_method", "GetRate")
                .register(registry);

        Undertow http = Undertow.builder()
                .addHttpListener(httpPort, "127.0.0.1", exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    exchange.getResponseSender().send(ByteBuffer.wrap(body));
                })
                .build();
        http.start();
        Undertow admin = Undertow.builder()
                .addHttpListener(adminPort, "127.0.0.1", exchange -> exchange.getResponseSender()
                        .send(registry.scrape()))
                .build();
        admin.start();

        Server server = BareGrpcCurrency.serve(port, threads, ProtoReflectionServiceV1.newInstance());
        timer.record(Duration.ofMillis(1));
        log.atInfo()
                .addKeyValue("grpc_port", server.getPort())
                .log("library floor: currency service on port {}", server.getPort());
        server.awaitTermination();
    }

    /** @return a logger writing JSON lines to stdout through an async appender, as chassis-logging's do */
    private static Logger jsonLogging() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setEncoder(encoder);
        console.start();
        AsyncAppenderBase<ILoggingEvent> async = new ch.qos.logback.classic.AsyncAppender();
        async.setContext(context);
        async.addAppender(console);
        async.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);
        context.getLogger("org.xnio").setLevel(Level.WARN);
        context.getLogger("io.undertow").setLevel(Level.WARN);
        context.getLogger("org.jboss").setLevel(Level.WARN);
        return LoggerFactory.getLogger(LibraryFloorGrpcCurrency.class);
    }
}
