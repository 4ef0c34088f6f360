package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigMemorySize;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BinderTest {

    enum Mode {
        FAST,
        SAFE_AND_SLOW
    }

    record Pool(int min, int max) {
        Pool {
            if (min > max) {
                throw new IllegalArgumentException("must have min <= max, but min was " + min + " and max " + max);
            }
        }
    }

    record Endpoint(String name, URI url) {}

    record Everything(
            String name,
            int port,
            long big,
            double ratio,
            boolean enabled,
            Mode mode,
            Duration timeout,
            ConfigMemorySize maxBody,
            URI baseUrl,
            Path dataDir,
            List<String> tags,
            Set<Integer> codes,
            Map<String, Duration> timeouts,
            Optional<String> nickname,
            Optional<Duration> absentTimeout,
            Pool pool,
            List<Endpoint> endpoints,
            Map<String, Pool> pools,
            Config raw) {}

    @Test
    void bindsEveryListedType() {
        Config config = parse("""
                svc {
                  name = orders
                  port = "8080"
                  big = 10000000000
                  ratio = 0.5
                  enabled = yes
                  mode = safe-and-slow
                  timeout = 250ms
                  max-body = 10MiB
                  base-url = "https://payments.internal:8443/v1"
                  data-dir = /var/lib/orders
                  tags = [a, b]
                  codes = [500, 503, 500]
                  timeouts { connect = 1s, read = 5s }
                  nickname = ord
                  pool { min = 1, max = 4 }
                  endpoints = [{ name = a, url = "http://a" }, { name = b, url = "http://b" }]
                  pools { main { min = 2, max = 8 } }
                  raw { anything = goes }
                }
                """);

        Everything bound = ConfigBinder.bind(config, "svc", Everything.class);

        assertThat(bound.name()).isEqualTo("orders");
        assertThat(bound.port()).isEqualTo(8080);
        assertThat(bound.big()).isEqualTo(10_000_000_000L);
        assertThat(bound.ratio()).isEqualTo(0.5);
        assertThat(bound.enabled()).isTrue();
        assertThat(bound.mode()).isEqualTo(Mode.SAFE_AND_SLOW);
        assertThat(bound.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(bound.maxBody().toBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(bound.baseUrl()).isEqualTo(URI.create("https://payments.internal:8443/v1"));
        assertThat(bound.dataDir()).isEqualTo(Path.of("/var/lib/orders"));
        assertThat(bound.tags()).containsExactly("a", "b");
        assertThat(bound.codes()).containsExactly(500, 503);
        assertThat(bound.timeouts())
                .containsEntry("connect", Duration.ofSeconds(1))
                .containsEntry("read", Duration.ofSeconds(5));
        assertThat(bound.nickname()).contains("ord");
        assertThat(bound.absentTimeout()).isEmpty();
        assertThat(bound.pool()).isEqualTo(new Pool(1, 4));
        assertThat(bound.endpoints()).extracting(Endpoint::name).containsExactly("a", "b");
        assertThat(bound.pools()).containsEntry("main", new Pool(2, 8));
        assertThat(bound.raw().getString("anything")).isEqualTo("goes");
    }

    record Small(int port, Duration timeout, Mode mode, Pool pool, String name) {}

    @Test
    void reportsAllProblemsTogetherWithOriginPathRuleAndValue() {
        Config config = parse("""
                small {
                  port = eighty
                  timeout = soon
                  mode = turbo
                  pool { min = 9, max = 2 }
                }
                """);

        assertThatThrownBy(() -> ConfigBinder.bind(config, "small", Small.class))
                .isInstanceOf(ConfigProblemsException.class)
                .satisfies(e ->
                        assertThat(((ConfigProblemsException) e).problems()).hasSize(5))
                .hasMessageContaining("Configuration has 5 errors:")
                .hasMessageContaining("test: 2: small.port must be a whole number, but was 'eighty'.")
                .hasMessageContaining(
                        "test: 3: small.timeout must be a duration such as 250ms, 5s or 2m, but was 'soon'.")
                .hasMessageContaining("test: 4: small.mode must be one of [fast, safe_and_slow], but was 'turbo'.")
                .hasMessageContaining("small.pool must have min <= max, but min was 9 and max 2")
                .hasMessageContaining("small.name must be set (String), but was missing.")
                .hasMessageContaining("SMALL_NAME");
    }

    record Named(String name, int port) {}

    @Test
    void unknownKeysAreReportedWithASuggestion() {
        Config config = parse("svc { name = x, prot = 80, port = 81, colour = red }");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "svc", Named.class))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("svc.prot is not a known setting. Did you mean 'svc.port'?")
                .hasMessageContaining("svc.colour is not a known setting. Known keys here: ");
    }

    record Credentials(String user, String password) {}

    @Test
    void aMistypedSecretIsNotEchoedInTheError() {
        Config config = parse("db { user = app, password { oops = hunter2 } }\nother { user = 1, password = [x] }");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "db", Credentials.class))
                .hasMessageContaining("db.password must be a single value (String), but was an object.")
                .hasMessageNotContaining("hunter2");
    }

    record Limits(int max) {}

    @Test
    void aMistypedSecretLookingScalarIsMasked() {
        Config config = parse("api { token-limits { max = s3cr3t } }");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "api.token-limits", Limits.class))
                .hasMessageContaining("api.token-limits.max must be a whole number, but was '******'.")
                .hasMessageNotContaining("s3cr3t");
    }

    public static class Bean {
        private int retries;
        public String label = "default";
        private Duration delay = Duration.ofSeconds(1);

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public void setDelay(Duration delay) {
            this.delay = delay;
        }
    }

    @Test
    void bindsPlainClassesThroughSettersAndFieldsKeepingDefaults() {
        Bean bean = ConfigBinder.bind(parse("b { retries = 3, label = custom }"), "b", Bean.class);

        assertThat(bean.retries).isEqualTo(3);
        assertThat(bean.label).isEqualTo("custom");
        assertThat(bean.delay).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void missingSectionNamesTheParentOrigin() {
        assertThatThrownBy(() -> ConfigBinder.bind(parse("a { b = 1 }"), "a.c", Named.class))
                .hasMessageContaining("test: 1: a.c must be set (Named), but was missing.");
    }

    record WithOptional(Optional<String> motd, Optional<Duration> delay, String name) {}

    @Test
    void nullDeclaredOptionalKeysBindToEmptyAndNullRequiredKeysAreMissing() {
        Config config = parse("o { motd = null, delay = null, name = null }");

        assertThatThrownBy(() -> ConfigBinder.bind(config, "o", WithOptional.class))
                .satisfies(e ->
                        assertThat(((ConfigProblemsException) e).problems()).hasSize(1))
                .hasMessageContaining("o.name must be set (String), but was missing.");
        assertThat(ConfigBinder.bind(parse("o { motd = null, delay = null, name = x }"), "o", WithOptional.class))
                .isEqualTo(new WithOptional(Optional.empty(), Optional.empty(), "x"));
    }

    record Codes(List<Integer> codes) {}

    @Test
    void aMistypedListItemIsReportedAtItsIndex() {
        assertThatThrownBy(() -> ConfigBinder.bind(parse("svc {\n  codes = [500,\n    x]\n}"), "svc", Codes.class))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("test: 3: svc.codes[1] must be a whole number, but was 'x'.");
    }

    private static Config parse(String hocon) {
        return ConfigFactory.parseString(
                        hocon, com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription("test"))
                .resolve();
    }
}
