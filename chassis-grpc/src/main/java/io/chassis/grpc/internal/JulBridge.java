package io.chassis.grpc.internal;

import java.util.logging.Handler;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends what grpc-java logs through java.util.logging (loggers under {@code io.grpc}, the shaded
 * Netty included) to SLF4J. Only the {@code io.grpc} logger gets the bridge: the JVM's other
 * java.util.logging configuration and the logback setup are left alone.
 */
final class JulBridge {

    /** Held strongly: java.util.logging forgets the handlers of a logger nobody references. */
    private static final Logger GRPC = Logger.getLogger("io.grpc");

    private JulBridge() {}

    /** Installs the bridge; does nothing when it is installed already. */
    static synchronized void install() {
        for (Handler handler : GRPC.getHandlers()) {
            if (handler instanceof SLF4JBridgeHandler) {
                return;
            }
        }
        GRPC.addHandler(new SLF4JBridgeHandler());
        GRPC.setUseParentHandlers(false); // else the JVM's console handler prints every line again
    }
}
