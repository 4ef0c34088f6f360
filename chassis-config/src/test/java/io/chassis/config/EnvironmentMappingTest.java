package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvironmentMappingTest extends FixtureTest {

    @BeforeEach
    void setUp() {
        fixture.write("application.yaml", "orders:\n  db:\n    pool-size: 5\n");
    }

    @Test
    void chassisVariablesSetChassisKeys() {
        fixture.env("CHASSIS_HTTP_PORT", "9000");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getInt("chassis.http.port")).isEqualTo(9000);
        assertThat(config.explain())
                .filteredOn(e -> e.path().equals("chassis.http.port"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.layer()).isEqualTo("environment");
                    assertThat(e.origin()).isEqualTo("environment variable CHASSIS_HTTP_PORT");
                });
    }

    @Test
    void variablesSetKeysInSectionsTheFilesDefineEvenKeysNoFileMentions() {
        fixture.env("ORDERS_DB_URL", "jdbc:postgresql://db/orders");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getString("orders.db.url")).isEqualTo("jdbc:postgresql://db/orders");
    }

    @Test
    void unrelatedProcessVariablesStayOut() {
        fixture.env("PATH", "/usr/bin").env("HOME", "/root").env("JAVA_TOOL_OPTIONS", "-Xmx1g");

        ChassisConfig config = fixture.load();

        assertThat(config.config().hasPath("path")).isFalse();
        assertThat(config.config().hasPath("home")).isFalse();
        assertThat(config.config().hasPath("java")).isFalse();
    }

    @Test
    void underscoresMatchHyphenatedKeysThatExistAndDoubleUnderscoreIsAHyphen() {
        fixture.env("ORDERS_DB_POOL_SIZE", "12").env("CHASSIS_HTTP_MAX__BODY__SIZE", "2MiB");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getInt("orders.db.pool-size")).isEqualTo(12);
        assertThat(config.config().getMemorySize("chassis.http.max-body-size").toBytes())
                .isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void relaxedMatchFindsExistingHyphenatedChassisKey() {
        fixture.env("CHASSIS_HTTP_MAX_BODY_SIZE", "4MiB");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getMemorySize("chassis.http.max-body-size").toBytes())
                .isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void twelveFactorPortSetsTheHttpPortUnlessTheChassisVariableIsSet() {
        fixture.env("PORT", "5000");
        assertThat(fixture.load().config().getInt("chassis.http.port")).isEqualTo(5000);

        fixture.env("CHASSIS_HTTP_PORT", "6000");
        assertThat(fixture.load().config().getInt("chassis.http.port")).isEqualTo(6000);
    }

    record Http(int port, String host, com.typesafe.config.ConfigMemorySize maxBodySize) {}

    @Test
    void wrongTypeFromTheEnvironmentNamesTheVariable() {
        fixture.env("CHASSIS_HTTP_PORT", "eighty");
        ChassisConfig config = fixture.load();

        assertThatThrownBy(() -> config.bind("chassis.http", Http.class))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining(
                        "environment variable CHASSIS_HTTP_PORT: chassis.http.port must be a whole number, but was 'eighty'");
    }

    @Test
    void hoconSubstitutionsReadTheInjectedEnvironmentNotTheProcess() {
        fixture.write("application.conf", "greeting = ${?SEAM_GREETING}\npath-copy = ${?PATH}\n");
        fixture.env("SEAM_GREETING", "hello");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getString("greeting")).isEqualTo("hello");
        assertThat(config.config().hasPath("path-copy")).isFalse();
    }
}
