package io.chassis.grpc.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends what grpc-java logs through java.util.logging (loggers under {@code io.grpc}, the shaded
 * Netty included) to SLF4J. Only the {@code io.grpc} logger gets the bridge: the JVM's other
 * java.util.logging configuration and the logback setup are left alone.
 */
final class JulBridge {

    /** Held strongly: java.util.logging forgets the handlers of a logger nobody references. */
    private static final Logger GRPC = Logger.getLogger("io.grpc");

    private static final String CONNECTIONS = ".NettyServerTransport.connections";

    private JulBridge() {}

    /**
     * The bridge, except that a client's message over {@code max-inbound-message-size} (grpc-java
     * logs it at WARNING with a stack trace, then answers RESOURCE_EXHAUSTED) is a DEBUG line: it is
     * the client's mistake, and a client must not be able to fill this service's log with traces.
     * For the same reason a connection that fails (an HTTP/1.1 request or garbage on the gRPC port,
     * a reset; grpc-java's {@code NettyServerTransport.connections} logger, INFO with a stack trace)
     * is one DEBUG line with the cause's message.
     */
    static final class Bridge extends SLF4JBridgeHandler {
        @Override
        public void publish(LogRecord record) {
            if (record != null
                    && record.getThrown() instanceof StatusRuntimeException e
                    && e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                LoggerFactory.getLogger(record.getLoggerName()).debug("{}: {}", record.getMessage(), e.getStatus());
                return;
            }
            if (record != null
                    && record.getLoggerName() != null
                    && record.getLoggerName().endsWith(CONNECTIONS)
                    && record.getLevel().intValue() <= java.util.logging.Level.INFO.intValue()) {
                LoggerFactory.getLogger(record.getLoggerName())
                        .debug(
                                "{}: {}",
                                record.getMessage(),
                                record.getThrown() == null
                                        ? ""
                                        : record.getThrown().toString());
                return;
            }
            super.publish(record);
        }
    }

    /** Installs the bridge; does nothing when it is installed already. */
    static synchronized void install() {
        for (Handler handler : GRPC.getHandlers()) {
            if (handler instanceof Bridge) {
                return;
            }
        }
        GRPC.addHandler(new Bridge());
        GRPC.setUseParentHandlers(false); // else the JVM's console handler prints every line again
    }
}
