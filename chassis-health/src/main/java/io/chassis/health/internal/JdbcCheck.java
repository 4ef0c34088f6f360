package io.chassis.health.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * UP when a new connection is valid ({@link Connection#isValid(int)}); uses {@code java.sql} only,
 * so the driver is whatever the service already has.
 */
public final class JdbcCheck implements HealthCheck {

    /** Opens a connection, e.g. {@code dataSource::getConnection}. */
    @FunctionalInterface
    public interface Connector {
        /**
         * @return a new connection
         * @throws SQLException when none can be opened
         */
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final int timeoutSeconds;

    /**
     * @param connector opens connections
     * @param timeout for the validity check; JDBC counts whole seconds, so at least 1s is used
     */
    public JdbcCheck(Connector connector, Duration timeout) {
        this.connector = connector;
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    @Override
    public HealthResult check() {
        try (Connection connection = connector.connect()) {
            if (!connection.isValid(timeoutSeconds)) {
                return HealthResult.down("the connection is not valid");
            }
            return HealthResult.up(Map.of("database", connection.getMetaData().getDatabaseProductName()));
        } catch (SQLException e) {
            HealthResult down = HealthResult.down(e.getMessage() == null ? "SQLException" : e.getMessage());
            return e.getSQLState() == null ? down : down.withDetail("sqlState", e.getSQLState());
        }
    }
}
