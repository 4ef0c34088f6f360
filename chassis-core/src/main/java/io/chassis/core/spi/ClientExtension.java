package io.chassis.core.spi;

import java.util.Optional;

/**
 * Lets a module own one key of every named client's configuration and add an interceptor per
 * client from it. chassis-resilience owns {@code resilience}: {@code chassis.clients.payments.resilience
 * { circuit-breaker = payments }}. Core binds only its own client keys and reports every key that
 * neither it nor an extension owns as unknown.
 */
public interface ClientExtension {

    /** @return the key under {@code chassis.clients.<name>} this extension reads, e.g. {@code resilience} */
    String key();

    /**
     * Creates the interceptor for one client, once, after every module has been configured. Validate
     * the section here: problems thrown are reported with all other configuration problems.
     *
     * @param client the client's name
     * @param path the full path of its section, e.g. {@code chassis.clients.payments.resilience};
     *     it may be absent from the configuration (then apply your defaults)
     * @return the interceptor, or empty for none
     * @throws io.chassis.config.ConfigProblemsException when the section is invalid
     */
    Optional<ClientInterceptor> interceptor(String client, String path);
}
