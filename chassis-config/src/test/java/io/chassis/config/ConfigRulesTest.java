package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOriginFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public problem collector, over configuration loaded from real files. */
class ConfigRulesTest extends FixtureTest {

    private Path external;

    /** Loads {@code yaml} as the external file named by CHASSIS_CONFIG, over the fixture's reference.conf. */
    private Config load(String yaml) {
        external = fixture.writeExternal("service.yaml", yaml);
        return fixture.env("CHASSIS_CONFIG", external.toString()).load().config();
    }

    private List<String> texts(ConfigRules rules) {
        return rules.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aBrokenRuleNamesTheUsersFileAndLineThePathTheRuleTheValueAndTheFix() {
        Config config = load("chassis:\n  http:\n    port: 70000\n");

        ConfigRules rules = new ConfigRules(config)
                .require(
                        config.getInt("chassis.http.port") <= 65535,
                        "chassis.http.port",
                        "be between 0 and 65535",
                        config.getInt("chassis.http.port"),
                        "Use 0 for a free port.");

        assertThat(texts(rules))
                .containsExactly(
                        external
                                + ": 3: chassis.http.port must be between 0 and 65535, but was '70000'. Use 0 for a free port.");
    }

    @Test
    void aRuleThatHoldsRecordsNothingAndAnEmptyFixAddsNoTrailingSpace() {
        Config config = load("svc:\n  threads: 0\n  name: x\n");

        ConfigRules rules = new ConfigRules(config)
                .require(true, "svc.name", "be set", "x", "Never shown.")
                .require(false, "svc.threads", "be positive", 0, "");

        assertThat(texts(rules)).containsExactly(external + ": 2: svc.threads must be positive, but was '0'.");
    }

    @Test
    void aMissingOrNullValueIsNamedByTheNearestParentFromOnePlace() {
        Config config = load("svc:\n  name: orders\n  nested:\n    motd: null\n");

        ConfigRules rules = new ConfigRules(config)
                .require(false, "svc.host", "be set", null, "Add host: db.internal.")
                .require(false, "svc.nested.motd", "not be null", null, "");

        assertThat(texts(rules))
                .containsExactly(
                        external + ": 2: svc.host must be set, but was 'null'. Add host: db.internal.",
                        external + ": 4: svc.nested.motd must not be null, but was 'null'.");
    }

    @Test
    void anObjectMergedFromSeveralLayersIsNamedByTheFallbackNotByReferenceConf() {
        Config config = load("chassis:\n  http:\n    port: 1\n");
        var entry = ConfigOriginFactory.newFile("checks.yaml").withLineNumber(7);

        ConfigRules withFallback = new ConfigRules(config, entry)
                .require(false, "chassis.http", "be complete", "{}", "")
                .require(false, "chassis.http.absent", "be set", null, "");
        ConfigRules without = new ConfigRules(config).require(false, "chassis.http", "be complete", "{}", "");

        assertThat(texts(withFallback))
                .containsExactly(
                        "checks.yaml: 7: chassis.http must be complete, but was '{}'.",
                        "checks.yaml: 7: chassis.http.absent must be set, but was 'null'.");
        assertThat(without.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).startsWith("merge of ").contains(external.toString());
            assertThat(p.toString()).endsWith(": chassis.http must be complete, but was '{}'.");
        });
    }

    @Test
    void listItemsAreNamedByTheirOwnLine() {
        Config config = load("svc:\n  routes:\n    - route: /a\n    - route: b\n      bulkhead: x\n");

        ConfigRules rules = new ConfigRules(config)
                .require(false, "svc.routes[1].route", "start with '/'", "b", "Use e.g. /orders/{id}.")
                .require(false, "svc.routes[1].rate-limiter", "be set", null, "");

        assertThat(texts(rules))
                .containsExactly(
                        external + ": 4: svc.routes[1].route must start with '/', but was 'b'. Use e.g. /orders/{id}.",
                        external + ": 4: svc.routes[1].rate-limiter must be set, but was 'null'.");
    }

    @Test
    void secretValuesAreMaskedLikeTheBinderMasksThem() throws Exception {
        Path secret = Files.writeString(temp.resolve("login"), "s3cr3t\n");
        Config config = load("db:\n  password: hunter2\n  login: \"${file:" + secret + "}\"\n  user: app\n");

        ConfigRules rules = new ConfigRules(config)
                .require(false, "db.password", "be long", "hunter2", "")
                .require(false, "db.login", "be long", "s3cr3t", "")
                .require(false, "db.user", "be long", "app", "");

        assertThat(texts(rules))
                .containsExactly(
                        external + ": 2: db.password must be long, but was '******'.",
                        "secret file " + secret + " (named at " + external + ": 3): db.login must be long, but was"
                                + " '******'.",
                        external + ": 4: db.user must be long, but was 'app'.");
    }

    record Window(int size) {}

    record Limits(int max, Duration timeout) {}

    @Test
    void collectRecordsTheProblemsOfABindingSoEverythingIsReportedAtOnce() {
        Config config = load("limits:\n  max: lots\n  timeout: -1s\n");

        ConfigRules rules = new ConfigRules(config);
        Limits limits = rules.collect(() -> ConfigBinder.bind(config, "limits", Limits.class));
        Duration timeout = rules.collect(() -> config.getDuration("limits.timeout"));
        rules.require(!timeout.isNegative(), "limits.timeout", "not be negative", timeout, "Use e.g. 1s.");
        rules.collect(() -> config.getInt("limits.max"));

        assertThat(limits).isNull();
        assertThat(texts(rules))
                .containsExactly(
                        external + ": 2: limits.max must be a whole number, but was 'lots'.",
                        external + ": 3: limits.timeout must not be negative, but was 'PT-1S'. Use e.g. 1s.",
                        external + ": 2: has an error: limits.max has type STRING rather than NUMBER");
        assertThatThrownBy(rules::throwIfAny)
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageStartingWith("Configuration has 3 errors:")
                .satisfies(e ->
                        assertThat(((ConfigProblemsException) e).problems()).isEqualTo(rules.problems()));
    }

    @Test
    void addAndAddAllKeepTheOrderAndThrowIfAnyIsQuietWhenAllIsWell() {
        Config config = load("a: 1\n");
        ConfigProblem first = new ConfigProblem("x.yaml: 1", "a", "must be b, but was 'c'.");
        ConfigProblem second = new ConfigProblem("y.yaml: 2", "d", "must be e, but was 'f'.");
        ConfigProblem third = new ConfigProblem("z.yaml: 3", "g", "must be h, but was 'i'.");

        ConfigRules clean = new ConfigRules(config);
        clean.throwIfAny();
        ConfigRules rules = new ConfigRules(config)
                .add(first)
                .addAll(List.of(second))
                .addAll(new ConfigProblemsException(List.of(third)));

        assertThat(clean.problems()).isEmpty();
        assertThat(rules.problems()).containsExactly(first, second, third);
    }

    // ---- compact constructors ----

    record Pool(int min, int max, Window window, java.util.Optional<String> label) {
        Pool {
            ConfigRules.check(min >= 1, "min", "be at least 1", min, "Use e.g. 1.");
            ConfigRules.check(max >= min, "max", "be at least min (" + min + ")", max, "Raise max or lower min.");
            ConfigRules.check(window.size() <= max, "window.size", "be at most max (" + max + ")", window.size(), "");
            ConfigRules.check(label.isEmpty() || !label.get().isBlank(), "label", "not be blank", label, "");
        }
    }

    record Holder(Pool pool) {}

    @Test
    void aCompactConstructorsRuleIsReportedAtTheKeysOwnFileAndLine() {
        Config config = load("svc:\n  pool:\n    min: 9\n    max: 2\n    window:\n      size: 1\n");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "svc.pool", Pool.class))
                .isInstanceOf(ConfigProblemsException.class)
                .satisfies(e -> assertThat(((ConfigProblemsException) e).problems())
                        .extracting(ConfigProblem::toString)
                        .containsExactly(external
                                + ": 4: svc.pool.max must be at least min (9), but was '2'. Raise max or lower min."));
    }

    @Test
    void aNestedKeyIsDottedAndANestedRecordsRuleKeepsItsPath() {
        Config config = load("svc:\n  pool:\n    min: 1\n    max: 2\n    window:\n      size: 5\n");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "svc", Holder.class))
                .isInstanceOf(ConfigProblemsException.class)
                .satisfies(e -> assertThat(((ConfigProblemsException) e).problems())
                        .extracting(ConfigProblem::toString)
                        .containsExactly(external + ": 6: svc.pool.window.size must be at most max (2), but was '5'."));
    }

    @Test
    void aRuleOnAnAbsentKeyIsNamedByTheRecordsOwnPlace() {
        Config config = load("svc:\n  pool:\n    min: 1\n    max: 2\n    window: {size: 1}\n    label: \" \"\n");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "svc.pool", Pool.class))
                .satisfies(e -> assertThat(((ConfigProblemsException) e).problems())
                        .extracting(ConfigProblem::toString)
                        .containsExactly(external + ": 6: svc.pool.label must not be blank, but was 'Optional[ ]'."));
    }

    record Listener(int port, String host, com.typesafe.config.ConfigMemorySize maxBodySize) {
        Listener {
            ConfigRules.check(port < 8000, "port", "be below 8000", port, "");
        }
    }

    @Test
    void aDefaultThatBreaksARuleIsNamedWhereTheDefaultIsSet() {
        Config config = load("chassis:\n  http:\n    host: 127.0.0.1\n");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "chassis.http", Listener.class))
                .satisfies(e -> assertThat(((ConfigProblemsException) e).problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.origin())
                                .startsWith("reference.conf @ file:")
                                .endsWith("reference.conf: 1"))
                        .extracting(ConfigProblem::path, ConfigProblem::message)
                        .containsExactly("chassis.http.port", "must be below 8000, but was '8080'."));
    }

    record Credentials(String user, String apiToken) {
        Credentials {
            ConfigRules.check(apiToken.length() >= 8, "api-token", "have at least 8 characters", apiToken, "");
        }
    }

    @Test
    void aCompactConstructorsSecretValueIsMasked() {
        Config config = load("payments:\n  user: app\n  api-token: short\n");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "payments", Credentials.class))
                .hasMessageContaining(
                        external + ": 3: payments.api-token must have at least 8 characters, but was '******'.")
                .hasMessageNotContaining("short");
    }

    record Lenient(int min, int max) {
        Lenient {
            if (min > max) {
                throw new IllegalArgumentException("must have min <= max, but min was " + min + " and max " + max);
            }
        }
    }

    @Test
    void aPlainIllegalArgumentExceptionIsStillReportedAtTheRecordsPath() {
        Config config = load("svc:\n  min: 9\n  max: 2\n");

        // which value broke the rule is unknown: the binder names one the user set, at the record's path
        assertThatThrownBy(() -> ConfigBinder.bind(config, "svc", Lenient.class))
                .satisfies(e -> assertThat(((ConfigProblemsException) e).problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.origin()).isIn(external + ": 2", external + ": 3"))
                        .extracting(ConfigProblem::path, ConfigProblem::message)
                        .containsExactly("svc", "must have min <= max, but min was 9 and max 2."));
    }

    @Test
    void outsideTheBinderTheRuleExceptionSaysWhatIsWrongAndMasksSecretLookingKeys() {
        assertThatThrownBy(() -> new Pool(0, 1, new Window(1), java.util.Optional.empty()))
                .isInstanceOf(ConfigRuleException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min must be at least 1, but was '0'. Use e.g. 1.")
                .satisfies(e -> {
                    ConfigRuleException broken = (ConfigRuleException) e;
                    assertThat(broken.key()).isEqualTo("min");
                    assertThat(broken.rule()).isEqualTo("be at least 1");
                    assertThat(broken.value()).isEqualTo(0);
                    assertThat(broken.fix()).isEqualTo("Use e.g. 1.");
                });
        assertThatThrownBy(() -> new Credentials("app", "short"))
                .hasMessage("api-token must have at least 8 characters, but was '******'.");
    }
}
