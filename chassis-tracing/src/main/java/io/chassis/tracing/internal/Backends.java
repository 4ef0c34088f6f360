package io.chassis.tracing.internal;

import com.typesafe.config.Config;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.tracing.spi.TracerBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the one tracer backend on the class path. */
public final class Backends {

    private Backends() {}

    /**
     * @param config for the origin of the problem
     * @return the backend
     * @throws ConfigProblemsException when there is none, or more than one
     */
    public static TracerBackend find(Config config) {
        List<TracerBackend> found = new ArrayList<>();
        ServiceLoader.load(TracerBackend.class, Backends.class.getClassLoader()).forEach(found::add);
        if (found.size() == 1) {
            return found.get(0);
        }
        String names = found.stream().map(TracerBackend::name).toList().toString();
        String message = found.isEmpty()
                ? "must have a backend on the class path, but none was found. Add the dependency"
                        + " io.chassis:chassis-tracing-otel (or chassis-tracing-jaeger), or set"
                        + " chassis.tracing.enabled = false."
                : "must have one backend on the class path, but found " + names
                        + ". Depend on chassis-tracing-otel or chassis-tracing-jaeger, not both.";
        String origin = config.getValue("chassis.tracing.enabled").origin().description();
        throw new ConfigProblemsException(List.of(new ConfigProblem(origin, "chassis.tracing", message)));
    }
}
