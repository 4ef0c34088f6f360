package io.chassis.core.internal.admin;

import io.chassis.core.http.AdminRoutes;
import io.chassis.core.http.Handler;
import io.chassis.core.http.Routes;
import io.chassis.core.internal.server.RouteTable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The admin routes and the protection each was declared with: protected unless added through {@link
 * #open()}. Not thread-safe; used during configuration only.
 */
public final class AdminRouteTable implements AdminRoutes {

    private final RouteTable table = new RouteTable();
    private final Map<String, AdminProtection> declared = new HashMap<>();
    private final Routes open = new Routes() {
        @Override
        public Routes add(String method, String template, Handler handler) {
            AdminRouteTable.this.add(method, template, handler, AdminProtection.OPEN);
            return this; // chained calls stay open
        }
    };

    @Override
    public Routes add(String method, String template, Handler handler) {
        return add(method, template, handler, AdminProtection.PROTECTED);
    }

    @Override
    public Routes open() {
        return open;
    }

    private AdminRouteTable add(String method, String template, Handler handler, AdminProtection protection) {
        table.add(method, template, handler); // validates; throws before anything is recorded
        declared.put(key(method, template), protection);
        return this;
    }

    /** @return the routes in the order they were added */
    public RouteTable table() {
        return table;
    }

    /**
     * @param route one of {@link #table()}'s routes
     * @return the protection it was declared with
     */
    AdminProtection declared(RouteTable.Route route) {
        return declared.getOrDefault(key(route.method(), route.template()), AdminProtection.PROTECTED);
    }

    private static String key(String method, String template) {
        return method.toUpperCase(Locale.ROOT) + " " + template;
    }
}
