package io.chassis.tracing.testing;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.tracing.TracingModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;

/** Starts a Chassis service on loopback with tracing reporting to a sink, for backend tests. */
public final class TracedService {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TracedService() {}

    /**
     * @param name the service name
     * @param config overrides on top of the test defaults
     * @param setup routes and more
     * @return the started service
     */
    public static Chassis start(String name, Map<String, Object> config, Consumer<ChassisBuilder> setup) {
        return start(name, config, TracingModule.create(), setup);
    }

    /**
     * Same, with the tracing module given (to reach its tracer); no other module is discovered.
     *
     * @return the started service
     */
    public static Chassis start(
            String name, Map<String, Object> config, TracingModule tracing, Consumer<ChassisBuilder> setup) {
        ChassisBuilder b = Chassis.builder()
                .discoverModules(false)
                .module(tracing)
                .name(name)
                .version("1.0")
                .configOverride("chassis.http.port", 0)
                .configOverride("chassis.http.host", "127.0.0.1")
                .configOverride("chassis.admin.enabled", false)
                .configOverride("chassis.shutdown.drain-delay", "0s")
                .configOverride("chassis.shutdown.hook", false);
        config.forEach(b::configOverride);
        setup.accept(b);
        return b.start();
    }

    /** Sends a GET with extra headers (name, value, name, value, ...). */
    public static HttpResponse<String> get(Chassis app, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
