package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretVariablesTest extends FixtureTest {

    record Orders(String name) {}

    record Db(String url, String password) {}

    record Login(String user, String pass) {}

    @Test
    void aPasswordVariableWithoutAnyFileDeclaringItsSectionIsReportedWithoutItsValue() {
        fixture.write("application.yaml", "orders:\n  name: shop\n");
        fixture.env("DB_PASSWORD", "hunter2").env("DB_URL", "jdbc:x").env("HOME", "/root");
        ChassisConfig config = fixture.load();
        config.bind("orders", Orders.class);
        config.read("chassis", c -> c);
        config.read("chassis.http", c -> c);

        assertThat(config.config().hasPath("db"))
                .as("the variable applies nowhere")
                .isFalse();
        assertThat(config.unusedSecretVariables()).singleElement().satisfies(warning -> {
            assertThat(warning.origin()).isEqualTo("environment variable DB_PASSWORD");
            assertThat(warning.path()).isEqualTo("db.password");
            assertThat(warning.toString())
                    .contains("is not read by the service")
                    .contains("the sections it binds (chassis, orders)")
                    .contains("db.password: ${DB_PASSWORD}")
                    .doesNotContain("hunter2");
        });
    }

    @Test
    void aKeyDeclaredInABoundSectionAndSetByTheVariableIsFine() {
        fixture.write("application.yaml", "db:\n  url: jdbc:x\n  password: \"${DB_PASSWORD:-}\"\n");
        fixture.env("DB_PASSWORD", "hunter2");
        ChassisConfig config = fixture.load();

        config.bind("db", Db.class);

        assertThat(config.config().getString("db.password")).isEqualTo("hunter2");
        assertThat(config.unusedSecretVariables()).isEmpty();
    }

    @Test
    void theVariableMayFillAKeyOfAnotherName() {
        fixture.write("application.yaml", "auth:\n  user: app\n  pass: ${LOGIN_SECRET}\n");
        fixture.env("LOGIN_SECRET", "s3cret");
        ChassisConfig config = fixture.load();

        config.bind("auth", Login.class);

        assertThat(config.unusedSecretVariables()).isEmpty();
    }

    @Test
    void aSectionNoOneBindsDoesNotCount() {
        fixture.write("application.yaml", "db:\n  url: jdbc:x\n  password: none\norders:\n  name: shop\n");
        fixture.env("DB_PASSWORD", "hunter2").env("API_TOKEN", "");
        ChassisConfig config = fixture.load();
        config.bind("orders", Orders.class);

        assertThat(config.config().getString("db.password")).isEqualTo("hunter2");
        assertThat(config.unusedSecretVariables())
                .extracting(ConfigProblem::origin)
                .containsExactly("environment variable DB_PASSWORD");
    }

    @Test
    void onlyNamesEndingLikeASecretAreLookedAt() {
        fixture.env("DB_PASSWORD_FILE", "/run/secrets/db")
                .env("SECRET_SAUCE", "x")
                .env("GIT_TOKEN", "t");
        ChassisConfig config =
                fixture.loader().environment(Map.copyOf(fixture.env)).load();

        assertThat(config.unusedSecretVariables())
                .extracting(ConfigProblem::origin)
                .containsExactly("environment variable GIT_TOKEN");
    }
}
