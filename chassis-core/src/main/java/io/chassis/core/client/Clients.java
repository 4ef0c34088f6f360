package io.chassis.core.client;

/** The service's named outgoing clients. */
public interface Clients {

    /**
     * Returns the named HTTP client configured under {@code chassis.clients.<name>}. It can be kept
     * and used once the service starts; its settings and interceptors are fixed by then.
     *
     * @param name the client's name, e.g. {@code payments}
     * @return the client; the same instance for the same name
     * @throws IllegalArgumentException when {@code chassis.clients.<name>} is not configured
     */
    ChassisHttpClient http(String name);
}
