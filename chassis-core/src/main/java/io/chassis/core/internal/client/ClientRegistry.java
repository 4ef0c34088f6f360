package io.chassis.core.internal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.spi.ClientExtension;
import io.chassis.core.spi.ClientInterceptor;
import io.chassis.core.spi.DeadlineSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The named HTTP clients of one service. Hands out clients during configuration; once every module
 * has been configured, {@link #install} binds each {@code chassis.clients.<name>} section (whether
 * code asked for the client or not) and fixes its interceptor chain.
 */
public final class ClientRegistry {

    private final Config config;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Map<String, NamedClient> clients = new ConcurrentHashMap<>();
    private final List<ClientExtension> extensions = new CopyOnWriteArrayList<>();
    private final Deadlines deadlines = new Deadlines();

    private final io.chassis.core.internal.tls.TlsRegistry tls;

    public ClientRegistry(
            Config config, ObjectMapper mapper, MeterRegistry meters, io.chassis.core.internal.tls.TlsRegistry tls) {
        this.tls = tls;
        this.config = config;
        this.mapper = mapper;
        this.meters = meters;
    }

    /**
     * @param name the client's name
     * @return the client, the same instance for the same name
     * @throws IllegalArgumentException when {@code chassis.clients.<name>} is not configured
     */
    public ChassisHttpClient client(String name) {
        Objects.requireNonNull(name, "name");
        if (!names().contains(name)) {
            throw new IllegalArgumentException("HTTP client '" + name + "' must be configured, but "
                    + ClientSettings.path(name) + " was missing. Add it with at least base-url"
                    + (names().isEmpty() ? "." : "; configured clients: " + String.join(", ", names()) + "."));
        }
        return clients.computeIfAbsent(name, n -> new NamedClient(n, mapper, deadlines));
    }

    /** @param source tells the remaining deadline of the current work */
    public void addDeadlineSource(DeadlineSource source) {
        deadlines.add(source);
    }

    public void addExtension(ClientExtension extension) {
        for (ClientExtension existing : extensions) {
            if (existing.key().equals(extension.key())) {
                throw new IllegalArgumentException(
                        "client configuration key '" + extension.key() + "' is already owned by another extension");
            }
        }
        extensions.add(extension);
    }

    /**
     * Binds every configured client and builds its chain: extensions' interceptors, then {@code
     * global} ones, then the request timer.
     *
     * @param global interceptors modules added for every client, in order
     * @param problems receives every problem found
     */
    public void install(List<ClientInterceptor> global, List<ConfigProblem> problems) {
        List<String> keys = extensions.stream().map(ClientExtension::key).toList();
        for (String name : names()) {
            try {
                ClientSettings settings = ClientSettings.from(config, name, keys);
                javax.net.ssl.SSLContext context =
                        "https".equalsIgnoreCase(settings.baseUrl().getScheme())
                                ? tls.client(settings.tls(), ClientSettings.path(name) + ".tls", name)
                                        .sslContext()
                                : null;
                List<ClientInterceptor> chain = new ArrayList<>();
                for (ClientExtension extension : extensions) {
                    String path = ClientSettings.path(name) + "." + extension.key();
                    extension.interceptor(name, path).ifPresent(chain::add);
                }
                chain.addAll(global);
                chain.add(new ClientTimers(meters, name));
                clients.computeIfAbsent(name, n -> new NamedClient(n, mapper, deadlines))
                        .install(settings, context, chain.toArray(new ClientInterceptor[0]));
            } catch (ConfigProblemsException e) {
                problems.addAll(e.problems());
            } catch (ConfigException e) {
                String origin = e.origin() == null ? "" : e.origin().description();
                problems.add(new ConfigProblem(
                        origin, ClientSettings.path(name), "must be an object with base-url, but: " + e.getMessage()));
            }
        }
    }

    /** Releases every client's connections. */
    public void close() {
        clients.values().forEach(NamedClient::close);
    }

    private List<String> names() {
        return Optional.of("chassis.clients")
                .filter(config::hasPath)
                .map(p -> List.copyOf(config.getObject(p).keySet()))
                .orElse(List.of());
    }
}
