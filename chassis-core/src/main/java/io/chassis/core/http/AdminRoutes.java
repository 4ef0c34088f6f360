package io.chassis.core.http;

/**
 * Routes on the admin listener ({@code chassis.admin.port}). Every route is <em>protected</em> unless
 * it was added through {@link #open()}: it answers only a caller with the admin token ({@code
 * chassis.admin.token}) or, with no token configured, a caller from {@code
 * chassis.admin.trusted-networks}. Open routes answer every caller that reaches the port (probes,
 * scrapers).
 *
 * <p>Add an endpoint that reveals or changes state (configuration, log levels, documents of the API)
 * with the methods inherited from {@link Routes}; add one only a probe or scraper reads through
 * {@code open()}. Operators override either choice per path template with {@code
 * chassis.admin.endpoints { "/config" = open }}.
 */
public interface AdminRoutes extends Routes {

    /**
     * Returns a view that adds open routes: they answer every caller, unless {@code
     * chassis.admin.endpoints} makes their template protected.
     *
     * @return routes added through it are open by default
     */
    Routes open();
}
