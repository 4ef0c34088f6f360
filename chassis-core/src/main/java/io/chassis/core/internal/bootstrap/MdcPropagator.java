package io.chassis.core.internal.bootstrap;

import io.chassis.core.spi.ContextPropagator;
import java.util.Map;
import org.slf4j.MDC;

/** Carries the whole SLF4J MDC (request id, trace ids, the service's own keys) to another thread. */
final class MdcPropagator implements ContextPropagator {

    @Override
    public Captured capture() {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            set(captured);
            return () -> set(previous);
        };
    }

    private static void set(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(map);
        }
    }
}
