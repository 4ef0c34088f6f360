package io.chassis.health;

import io.chassis.core.health.HealthCheck;
import io.chassis.health.internal.DeadlockCheck;
import io.chassis.health.internal.DiskSpaceCheck;
import io.chassis.health.internal.HeapCheck;
import io.chassis.health.internal.HttpCheck;
import io.chassis.health.internal.JdbcCheck;
import io.chassis.health.internal.TcpCheck;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The built-in checks, for registration from code; {@code chassis.health.checks} creates the same
 * from configuration.
 *
 * <pre>{@code
 * Chassis.builder().configure(app -> app.health()
 *         .add("db", HealthChecks.dataSource(dataSource, Duration.ofSeconds(1)))
 *         .add("deadlocks", HealthChecks.deadlocks(), c -> c.kinds(HealthKind.LIVENESS)));
 * }</pre>
 */
public final class HealthChecks {

    private HealthChecks() {}

    /**
     * @param host host name or address
     * @param port TCP port
     * @param timeout connect timeout
     * @return UP when a TCP connection can be opened
     * @throws IllegalArgumentException if the port is not 1..65535 or the timeout is not positive
     */
    public static HealthCheck tcp(String host, int port, Duration timeout) {
        Objects.requireNonNull(host, "host");
        require(port >= 1 && port <= 65535, "port must be between 1 and 65535, but was '" + port + "'");
        return new TcpCheck(host, port, positive(timeout));
    }

    /**
     * @param url the dependency's URL, e.g. {@code http://payments:8081/health/ready}
     * @param expectedStatus the status that means healthy, e.g. 200
     * @param timeout for connecting and for the whole request
     * @return UP when a GET answers with the expected status; redirects are not followed
     * @throws IllegalArgumentException if the URL is not http(s), the status is not 100..599 or the
     *     timeout is not positive
     */
    public static HealthCheck http(URI url, int expectedStatus, Duration timeout) {
        String scheme = Objects.requireNonNull(url, "url").getScheme();
        require("http".equals(scheme) || "https".equals(scheme), "url must be http or https, but was '" + url + "'");
        require(expectedStatus >= 100 && expectedStatus <= 599, "expectedStatus must be 100..599");
        return new HttpCheck(url, expectedStatus, positive(timeout));
    }

    /**
     * @param path a path on the file system to watch
     * @param minFreeBytes the least usable space that is healthy
     * @return UP while at least that much space is usable
     */
    public static HealthCheck diskSpace(Path path, long minFreeBytes) {
        require(minFreeBytes >= 0, "minFreeBytes must not be negative");
        return new DiskSpaceCheck(Objects.requireNonNull(path, "path"), minFreeBytes);
    }

    /**
     * @param maxUsed the largest healthy share of the maximum heap in use, e.g. 0.9
     * @return UP while at most that share of the heap is used
     * @throws IllegalArgumentException unless 0 &lt; maxUsed &le; 1
     */
    public static HealthCheck heap(double maxUsed) {
        require(maxUsed > 0 && maxUsed <= 1, "maxUsed must be above 0 and at most 1, but was '" + maxUsed + "'");
        return new HeapCheck(maxUsed);
    }

    /** @return DOWN while threads of this JVM are deadlocked; register it for liveness */
    public static HealthCheck deadlocks() {
        return new DeadlockCheck();
    }

    /**
     * @param dataSource the service's data source (a pool is fine: the connection is returned)
     * @param timeout for the validity check (JDBC counts whole seconds)
     * @return UP when a connection from it is valid
     */
    public static HealthCheck dataSource(DataSource dataSource, Duration timeout) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new JdbcCheck(dataSource::getConnection, positive(timeout));
    }

    /**
     * @param url a JDBC URL; its driver must be on the classpath
     * @param username user, or null
     * @param password password, or null
     * @param timeout for the validity check (JDBC counts whole seconds)
     * @return UP when a new connection through {@link DriverManager} is valid
     */
    public static HealthCheck jdbc(String url, String username, String password, Duration timeout) {
        require(Objects.requireNonNull(url, "url").startsWith("jdbc:"), "url must start with 'jdbc:'");
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return new JdbcCheck(() -> DriverManager.getConnection(url, properties), positive(timeout));
    }

    private static Duration positive(Duration timeout) {
        require(
                !Objects.requireNonNull(timeout, "timeout").isNegative() && !timeout.isZero(),
                "timeout must be positive, but was '" + timeout + "'");
        return timeout;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
